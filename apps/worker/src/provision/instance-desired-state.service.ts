import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { renderInstanceWorkload } from '@nprod/catalogue';
import { type InstanceEndpointRecord, type InstanceEntity, type OfferingVersionEntity, SecretBox, type SpaceEntity, type TenantEntity } from '@nprod/database';
import { type InstanceManifest, buildInstanceManifests, instanceHostname } from '@nprod/kube';

/** Purpose of the SecretBox key the API sealed the credentials with (see the api's OrderSubmissionService). */
const INSTANCE_CREDENTIALS_PURPOSE = 'instance-credentials';

/** What to render: the instance's own plan, or the target of a MODIFY order. */
export interface InstanceTarget {
  planKey: string;
  parameters: Record<string, unknown>;
}

export interface InstanceContext {
  instance: InstanceEntity;
  space: SpaceEntity;
  tenant: TenantEntity;
  version: OfferingVersionEntity;
}

/**
 * Desired state of an instance, from the database alone: the catalogue renders the
 * workloads, libs/kube builds the objects, and the credentials are the ones stored
 * (sealed) when the instance was ordered, so every apply writes the same Secret.
 */
@Injectable()
export class InstanceDesiredStateService {
  private readonly box: SecretBox | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.box = config.auth.dataEncryptionKey ? new SecretBox(config.auth.dataEncryptionKey, INSTANCE_CREDENTIALS_PURPOSE) : null;
  }

  /** Throws a RangeError (never heals by retrying) when the request or the stored credentials are unusable. */
  manifests(context: InstanceContext, target: InstanceTarget, orderId: string, options: { suspended?: boolean } = {}): InstanceManifest[] {
    const { instance, space, tenant, version } = context;
    const { hostnameSuffix, storageClass, tlsClusterIssuer, ingressClassName } = this.config.instances;
    const credentials = this.credentials(instance);
    const publicHostname = hostnameSuffix ? instanceHostname(instance.slug, space.slug, tenant.slug, hostnameSuffix) : undefined;
    const workload = renderInstanceWorkload({
      offering: version,
      planKey: target.planKey,
      parameters: target.parameters,
      instanceSlug: instance.slug,
      namespace: space.namespace,
      credentials,
      ...(publicHostname ? { publicHostname } : {}),
    });
    // A suspended instance keeps its objects and data; its workloads run no replicas.
    const components = options.suspended ? workload.components.map((component) => ({ ...component, replicas: 0 })) : workload.components;
    return buildInstanceManifests({
      tenantSlug: tenant.slug,
      spaceSlug: space.slug,
      namespace: space.namespace,
      instanceId: instance.id,
      instanceSlug: instance.slug,
      orderId,
      credentials,
      workload: { ...workload, components },
      ...(hostnameSuffix ? { hostnameSuffix } : {}),
      ...(storageClass ? { storageClass } : {}),
      ...(tlsClusterIssuer ? { tlsClusterIssuer } : {}),
      ...(ingressClassName ? { ingressClassName } : {}),
    });
  }

  /** How to reach the instance: each Service inside the cluster, each Ingress host over HTTPS. */
  endpoints(manifests: readonly InstanceManifest[]): InstanceEndpointRecord[] {
    const endpoints: InstanceEndpointRecord[] = [];
    for (const object of manifests) {
      const component = object.metadata?.labels?.['app.kubernetes.io/component'] ?? object.metadata?.name ?? '';
      if (object.kind === 'Service' && 'spec' in object) {
        const port = (object.spec as { ports?: Array<{ port: number }> } | undefined)?.ports?.[0]?.port;
        endpoints.push({ kind: 'internal', component, url: `tcp://${object.metadata?.name}.${object.metadata?.namespace}.svc${port ? `:${port}` : ''}` });
      }
      if (object.kind === 'Ingress' && 'spec' in object) {
        for (const rule of (object.spec as { rules?: Array<{ host?: string }> } | undefined)?.rules ?? []) {
          if (rule.host) endpoints.push({ kind: 'public', component, url: `https://${rule.host}/` });
        }
      }
    }
    return endpoints;
  }

  private credentials(instance: InstanceEntity): Record<string, string> {
    if (!instance.credentialsSealed) return {};
    if (!this.box) throw new RangeError('The instance has stored credentials but DATA_ENCRYPTION_KEY is not set on the worker; set the same key as on the API.');
    try {
      return JSON.parse(this.box.open(instance.credentialsSealed, instance.id).toString('utf8')) as Record<string, string>;
    } catch {
      throw new RangeError('The stored credentials cannot be opened: DATA_ENCRYPTION_KEY on the worker differs from the one the API sealed them with.');
    }
  }
}
