import { childObject, isJsonObject, objectAt, type JsonObject, type JsonValue } from './json-value';
import type { ResourceDefinition } from './resource-registry';

/** Allocates Service cluster IPs from 10.96.0.0/12 like a default kube-apiserver. */
export class ClusterIpAllocator {
  private next = 10;

  constructor(taken: Iterable<string> = []) {
    for (const address of taken) {
      const parts = address.split('.').map(Number);
      if (parts.length === 4 && parts[0] === 10 && parts[1] === 96) this.next = Math.max(this.next, parts[2] * 256 + parts[3] + 1);
    }
  }

  allocate(): string {
    const offset = this.next;
    this.next += 1;
    return `10.96.${Math.floor(offset / 256)}.${offset % 256}`;
  }
}

/** The status a resource starts with, before any controller acts on it. */
export function initialStatus(definition: ResourceDefinition): JsonObject | undefined {
  switch (definition.kind) {
    case 'Namespace':
      return { phase: 'Active' };
    case 'PersistentVolumeClaim':
      return { phase: 'Pending' };
    case 'Service':
    case 'Ingress':
      return { loadBalancer: {} };
    default:
      return definition.hasStatus ? {} : undefined;
  }
}

/**
 * Fields the real API server fills in by itself (defaulting and admission); only the ones a client
 * comparing or reading objects is likely to notice.
 */
export function applyServerDefaults(definition: ResourceDefinition, object: JsonObject, previous: JsonObject | undefined, clusterIps: ClusterIpAllocator): void {
  const metadata = childObject(object, 'metadata');
  switch (definition.kind) {
    case 'Namespace': {
      // The NamespaceDefaultLabelName admission always sets this label to the name.
      childObject(metadata, 'labels')['kubernetes.io/metadata.name'] = String(metadata.name);
      const spec = childObject(object, 'spec');
      if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
      break;
    }
    case 'Secret': {
      const stringData = objectAt(object.stringData);
      if (stringData) {
        const data = childObject(object, 'data');
        for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(String(value), 'utf8').toString('base64');
        delete object.stringData;
      }
      if (typeof object.type !== 'string') object.type = 'Opaque';
      break;
    }
    case 'Service': {
      const spec = childObject(object, 'spec');
      if (typeof spec.type !== 'string') spec.type = 'ClusterIP';
      if (typeof spec.sessionAffinity !== 'string') spec.sessionAffinity = 'None';
      if (spec.type !== 'ExternalName' && typeof spec.clusterIP !== 'string') {
        // The cluster IP is immutable: an update that omits it keeps the allocated one.
        const previousIp = objectAt(previous?.spec)?.clusterIP;
        spec.clusterIP = typeof previousIp === 'string' ? previousIp : clusterIps.allocate();
      }
      if (typeof spec.clusterIP === 'string' && !Array.isArray(spec.clusterIPs)) spec.clusterIPs = [spec.clusterIP];
      if (Array.isArray(spec.ports)) spec.ports = spec.ports.map(defaultServicePort);
      break;
    }
    case 'Deployment':
    case 'StatefulSet': {
      const spec = childObject(object, 'spec');
      if (typeof spec.replicas !== 'number') spec.replicas = 1;
      break;
    }
    case 'PersistentVolumeClaim': {
      const spec = childObject(object, 'spec');
      if (typeof spec.volumeMode !== 'string') spec.volumeMode = 'Filesystem';
      break;
    }
    case 'ResourceQuota': {
      // The quota controller's work, done at write time: hard mirrors spec, usage starts at zero.
      const hard = objectAt(objectAt(object.spec)?.hard) ?? {};
      const status = childObject(object, 'status');
      const previousUsed = objectAt(status.used) ?? {};
      status.hard = { ...hard };
      status.used = Object.fromEntries(Object.keys(hard).map((key) => [key, previousUsed[key] ?? '0']));
      break;
    }
  }
}

function defaultServicePort(port: JsonValue): JsonValue {
  if (!isJsonObject(port)) return port;
  return { ...port, protocol: port.protocol ?? 'TCP', targetPort: port.targetPort ?? port.port ?? null };
}
