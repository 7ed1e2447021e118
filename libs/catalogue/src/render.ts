import { type ResourceAmounts, ZERO_AMOUNTS, addAmounts } from '@nprod/domain';
import type { InstanceWorkload } from '@nprod/kube';
import { validateOfferingParameters } from './parameters';
import { planPricePerHour, resolvePlanSize } from './rules';
import { type CatalogueTemplate, type RandomToken, type WorkloadTemplate, findTemplate } from './templates';
import type { FieldError, OfferingPlan, OfferingSpec, Tiyn } from './types';

/** An order that cannot be rendered: unknown template or plan, or parameters failing the schema. Carries one error per field. */
export class InvalidInstanceRequestError extends RangeError {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((error) => error.message).join(' '));
    this.name = 'InvalidInstanceRequestError';
  }
}

/** What an order asks of an offering version. */
export interface InstanceRequest {
  readonly offering: OfferingSpec;
  readonly planKey: string;
  readonly parameters: unknown;
}

export interface PreparedRequest {
  readonly template: CatalogueTemplate;
  /** The plan with a custom size resolved from the parameters. */
  readonly plan: OfferingPlan;
  /** Validated, with the schema's defaults. */
  readonly parameters: Record<string, unknown>;
}

/** Validates an order against its offering version; throws InvalidInstanceRequestError naming each bad field. */
export function prepareInstanceRequest(request: InstanceRequest): PreparedRequest {
  const template = findTemplate(request.offering.template);
  if (!template) throw new InvalidInstanceRequestError([{ field: 'offering.template', message: `Template "${request.offering.template}" does not exist in this release.` }]);
  const plan = request.offering.plans.find((candidate) => candidate.key === request.planKey);
  if (!plan) {
    const keys = request.offering.plans.map((candidate) => candidate.key).join(', ');
    throw new InvalidInstanceRequestError([{ field: 'planKey', message: `Plan "${request.planKey}" is not offered; choose one of: ${keys}.` }]);
  }
  const checked = validateOfferingParameters(request.offering, request.parameters, request.planKey);
  if (!checked.ok) throw new InvalidInstanceRequestError(checked.errors);
  return { template, plan: { ...plan, ...resolvePlanSize(plan, checked.parameters) }, parameters: checked.parameters };
}

function workloadTemplate(prepared: PreparedRequest): WorkloadTemplate {
  if (prepared.template.produces !== 'workload') {
    throw new InvalidInstanceRequestError([{ field: 'offering.template', message: `Template "${prepared.template.key}" makes a space, not workloads: build it with buildSpaceManifests.` }]);
  }
  return prepared.template;
}

/** Everything an instance's workloads request: CPU and memory times replicas, and the storage of its volumes. */
export function workloadFootprint(workload: InstanceWorkload): ResourceAmounts {
  return workload.components.reduce(
    (total, component) =>
      addAmounts(total, {
        cpuMillicores: component.resources.cpuMillicores * component.replicas,
        memoryMiB: component.resources.memoryMiB * component.replicas,
        storageGiB: component.volume?.storageGiB ?? 0,
      }),
    ZERO_AMOUNTS,
  );
}

/**
 * What an order takes from the tenant's allocation (and what quota checks and approval
 * thresholds compare): a space's size, or the sum of an instance's workloads.
 */
export function instanceFootprint(request: InstanceRequest): ResourceAmounts {
  const prepared = prepareInstanceRequest(request);
  if (prepared.template.produces === 'space') return { cpuMillicores: prepared.plan.cpuMillicores, memoryMiB: prepared.plan.memoryMiB, storageGiB: prepared.plan.storageGiB };
  const workload = prepared.template.render({ plan: prepared.plan, parameters: prepared.parameters, instanceSlug: 'footprint', namespace: 'footprint', credentials: {} });
  return workloadFootprint(workload);
}

/** Hourly price in tiyn: the plan's price (per replica for apps that scale out), or a custom plan's rates at the chosen size. */
export function instancePricePerHour(request: InstanceRequest): Tiyn {
  const prepared = prepareInstanceRequest(request);
  const replicas = typeof prepared.parameters.replicas === 'number' ? prepared.parameters.replicas : 1;
  return planPricePerHour(prepared.plan, prepared.plan) * replicas;
}

/**
 * The workloads of one instance, for `buildInstanceManifests` in libs/kube:
 *
 *     buildInstanceManifests({ tenantSlug, spaceSlug, namespace, instanceId, instanceSlug, orderId,
 *       credentials, hostnameSuffix, storageClass, tlsClusterIssuer,
 *       workload: renderInstanceWorkload({ offering, planKey, parameters, instanceSlug, namespace, credentials, publicHostname }) })
 *
 * Throws InvalidInstanceRequestError for an unknown plan, bad parameters, or a space offering.
 */
export function renderInstanceWorkload(
  request: InstanceRequest & { readonly instanceSlug: string; readonly namespace: string; readonly credentials: Readonly<Record<string, string>>; readonly publicHostname?: string },
): InstanceWorkload {
  const prepared = prepareInstanceRequest(request);
  return workloadTemplate(prepared).render({
    plan: prepared.plan,
    parameters: prepared.parameters,
    instanceSlug: request.instanceSlug,
    namespace: request.namespace,
    credentials: request.credentials,
    ...(request.publicHostname ? { publicHostname: request.publicHostname } : {}),
  });
}

/**
 * Secret values of a new instance (passwords, and what is derived from them such as a
 * connection URI). Call once when the instance is created and keep the result: the builder
 * must get the same credentials on every reconcile. `randomToken` is the only source of
 * randomness, e.g. `(bytes) => randomBytes(bytes).toString('base64url')`.
 */
export function generateInstanceCredentials(
  request: InstanceRequest & { readonly instanceSlug: string; readonly namespace: string },
  randomToken: RandomToken,
): Record<string, string> {
  const prepared = prepareInstanceRequest(request);
  return workloadTemplate(prepared).generateCredentials({ parameters: prepared.parameters, instanceSlug: request.instanceSlug, namespace: request.namespace }, randomToken);
}
