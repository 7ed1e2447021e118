import type { ApprovalPolicy, OfferingKind, OfferingVisibility, ResourceAmounts } from '@nprod/domain';

/**
 * Prices are whole tiyn (1/100 of a tenge) per hour: integers add up exactly, and an
 * invoice rounds once, at the end.
 */
export type Tiyn = number;

/** Per-unit prices of a custom plan, in tiyn per hour. */
export interface CustomPlanRates {
  readonly cpuCoreHourTiyn: Tiyn;
  readonly memoryGiBHourTiyn: Tiyn;
  readonly storageGiBHourTiyn: Tiyn;
}

/**
 * One size of an offering. Sizes are per replica for apps that scale out (the container
 * app); `instanceFootprint` gives what an instance takes from the allocation.
 */
export interface OfferingPlan {
  /** Unique within the offering version; orders name the plan by it. */
  readonly key: string;
  readonly name: string;
  readonly description?: string;
  readonly cpuMillicores: number;
  readonly memoryMiB: number;
  readonly storageGiB: number;
  /** For a custom plan, a base fee on top of the rates. */
  readonly pricePerHourTiyn: Tiyn;
  /**
   * Present on a custom plan: the size comes from the parameters `cpuMillicores`,
   * `memoryMiB` and `storageGiB`, at most the plan's amounts, priced by these rates.
   */
  readonly custom?: CustomPlanRates | null;
}

/** An order whose footprint exceeds any amount given here waits for an operator. */
export type ResourceThreshold = Partial<ResourceAmounts>;

/** A JSON Schema (draft-07) of type object; the console renders the order form from it. */
export type ParametersSchema = { readonly type: 'object' } & Readonly<Record<string, unknown>>;

/** The keys of the templates that turn an offering into desired state. */
export const TEMPLATE_KEYS = ['compute-space', 'postgresql', 'container-app', 'redis', 'website-cms', 'document-sharing'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** What rendering needs of an offering version: a database row fits as well as a built-in. */
export interface OfferingSpec {
  readonly template: string;
  readonly plans: readonly OfferingPlan[];
  readonly parametersSchema: ParametersSchema | Readonly<Record<string, unknown>>;
}

/** A built-in catalogue item, as seeded into the database on first start. */
export interface OfferingDefinition extends OfferingSpec {
  readonly key: string;
  readonly kind: OfferingKind;
  readonly name: string;
  readonly description: string;
  /** Revision of this definition. */
  readonly version: number;
  readonly template: TemplateKey;
  readonly parametersSchema: ParametersSchema;
  readonly approvalPolicy: ApprovalPolicy;
  readonly approvalThreshold?: ResourceThreshold | null;
  readonly visibility: OfferingVisibility;
  readonly allowedTenantIds?: readonly string[];
}

/** One problem with one input field, e.g. `{ field: 'parameters.port', message: 'parameters.port must be ≤ 65535' }`. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}
