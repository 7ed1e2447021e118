import type { ResourceAmounts } from '@nprod/domain';
import type { InstanceWorkload, WorkloadComponent } from '@nprod/kube';
import type { OfferingKind } from '@nprod/domain';
import type { OfferingPlan, TemplateKey } from '../types';

/** Returns a fresh random token of about `bytes` bytes of entropy, URL-safe (a-z, A-Z, 0-9, '-', '_'). */
export type RandomToken = (bytes: number) => string;

/** What a template renders from: a validated order for one instance. */
export interface RenderContext {
  /** The plan with its size resolved (custom plans: the size from the parameters). */
  readonly plan: OfferingPlan;
  /** Validated parameters with the schema's defaults filled in. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly instanceSlug: string;
  readonly namespace: string;
  readonly credentials: Readonly<Record<string, string>>;
  /** The instance's platform hostname (`instanceHostname` in libs/kube), when it has one; apps that check their Host header need it. */
  readonly publicHostname?: string;
}

interface TemplateBase {
  readonly key: TemplateKey;
  readonly kind: OfferingKind;
  /** Parameters the template reads without a default of its own: the offering's schema must require them. */
  readonly requiredParameters: readonly string[];
  /** Whether a plan of this template may be custom (size from parameters). */
  readonly customPlans: boolean;
  /** Why a plan is too small for this template, or undefined when it fits. */
  checkPlan(plan: OfferingPlan): string | undefined;
}

/** An IaaS template: the order makes a space (namespace and quota), built by `buildSpaceManifests`. */
export interface SpaceTemplate extends TemplateBase {
  readonly produces: 'space';
}

/** A PaaS or SaaS template: the order makes workloads in an existing space, built by `buildInstanceManifests`. */
export interface WorkloadTemplate extends TemplateBase {
  readonly produces: 'workload';
  /** Secret values of a new instance: passwords and what is derived from them (a connection URI). */
  generateCredentials(context: Omit<RenderContext, 'credentials' | 'plan'>, randomToken: RandomToken): Record<string, string>;
  render(context: RenderContext): InstanceWorkload;
}

export type CatalogueTemplate = SpaceTemplate | WorkloadTemplate;

/** The in-cluster DNS name of a component's Service; `buildInstanceManifests` names objects `<instanceSlug>-<component>`. */
export function serviceHost(context: Pick<RenderContext, 'instanceSlug' | 'namespace'>, component: string): string {
  return `${context.instanceSlug}-${component}.${context.namespace}.svc`;
}

/**
 * Splits a whole amount between a dependency (`share` of it, at least `minimum`) and the
 * main component (the rest), so the parts always add up to the plan exactly.
 */
export function splitAmount(total: number, share: number, minimum = 1): [dependency: number, main: number] {
  const dependency = Math.max(minimum, Math.floor(total * share));
  return [dependency, total - dependency];
}

/** Resources of a plan split between a database and an app, for two-component templates. */
export function splitPlan(plan: ResourceAmounts, share: number): { dependency: ResourceAmounts; main: ResourceAmounts } {
  const [cpuDependency, cpuMain] = splitAmount(plan.cpuMillicores, share);
  const [memoryDependency, memoryMain] = splitAmount(plan.memoryMiB, share);
  const [storageDependency, storageMain] = splitAmount(plan.storageGiB, share);
  return {
    dependency: { cpuMillicores: cpuDependency, memoryMiB: memoryDependency, storageGiB: storageDependency },
    main: { cpuMillicores: cpuMain, memoryMiB: memoryMain, storageGiB: storageMain },
  };
}

/** The smallest plan two-component templates accept, so every part gets something. */
export function checkMinimumPlan(plan: OfferingPlan, minimum: ResourceAmounts): string | undefined {
  const short = (Object.keys(minimum) as (keyof ResourceAmounts)[]).filter((name) => plan[name] < minimum[name]);
  return short.length === 0 ? undefined : short.map((name) => `${name} must be at least ${minimum[name]}`).join('; ');
}

export function stringParameter(parameters: Readonly<Record<string, unknown>>, name: string, fallback?: string): string {
  const value = parameters[name] ?? fallback;
  if (typeof value !== 'string') throw new RangeError(`parameter ${name} is missing: the offering's schema must require it or give it a default`);
  return value;
}

export function numberParameter(parameters: Readonly<Record<string, unknown>>, name: string, fallback?: number): number {
  const value = parameters[name] ?? fallback;
  if (typeof value !== 'number') throw new RangeError(`parameter ${name} is missing: the offering's schema must require it or give it a default`);
  return value;
}

export function booleanParameter(parameters: Readonly<Record<string, unknown>>, name: string, fallback: boolean): boolean {
  const value = parameters[name];
  return typeof value === 'boolean' ? value : fallback;
}

export type { InstanceWorkload, WorkloadComponent };
