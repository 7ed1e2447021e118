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

/**
 * An offering's texts in one language. Kept beside the JSON Schema rather than in it, so the
 * schema stays plain draft-07 that ajv compiles in strict mode and the API validates with.
 */
export interface OfferingTextTranslation {
  readonly name?: string;
  readonly description?: string;
  /** By plan key. */
  readonly plans?: Readonly<Record<string, { readonly name?: string; readonly description?: string }>>;
  /** By parameter (a property of the parameters schema): the form label and hint. */
  readonly parameters?: Readonly<Record<string, { readonly title?: string; readonly description?: string }>>;
}

/** By locale ("ru"); English is the offering's own text. */
export type OfferingTranslations = Readonly<Record<string, OfferingTextTranslation>>;

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
  /**
   * Its texts in other languages. Not stored: the API adds them to the offering as read,
   * for each text still equal to the English here (see offeringTranslations).
   */
  readonly translations?: OfferingTranslations;
}

/** One problem with one input field, e.g. `{ field: 'parameters.port', message: 'parameters.port must be ≤ 65535' }`. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}
