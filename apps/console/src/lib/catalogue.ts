/**
 * Pure rules the catalogue, order and instance pages share: prices, plan sizes, what an order
 * takes from an allocation, and which order statuses still move. They mirror the API's
 * (libs/catalogue rules.ts and render.ts, apps/api orders.service.ts); the API still decides.
 */
import type { Allocation } from './types';

export const OFFERING_KINDS = ['IAAS', 'PAAS', 'SAAS'] as const;
export type OfferingKind = (typeof OFFERING_KINDS)[number];

export const ORDER_STATUSES = ['SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'PROVISIONING', 'COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_ACTIONS = ['CREATE', 'MODIFY', 'DELETE'] as const;
export const ORDER_TARGETS = ['INSTANCE', 'SPACE'] as const;
export const INSTANCE_STATUSES = ['PROVISIONING', 'ACTIVE', 'DEGRADED', 'DECOMMISSIONING', 'FAILED', 'DELETED'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/** Orders in these statuses change no more; their pages stop polling. */
export const TERMINAL_ORDER_STATUSES: readonly string[] = ['COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED'];
/** Cancel is allowed until provisioning starts. */
export const CANCELLABLE_ORDER_STATUSES: readonly string[] = ['SUBMITTED', 'PENDING_APPROVAL', 'APPROVED'];
/** Operators reject what has not been approved yet. */
export const REJECTABLE_ORDER_STATUSES: readonly string[] = ['SUBMITTED', 'PENDING_APPROVAL'];
/** Instance statuses the worker moves out of by itself. */
export const TRANSIENT_INSTANCE_STATUSES: readonly string[] = ['PROVISIONING', 'DECOMMISSIONING'];

export const isTerminalOrder = (status: string | undefined) => !!status && TERMINAL_ORDER_STATUSES.includes(status);

/**
 * A space order the worker has looked at and left waiting (no cluster has room, or an old
 * namespace is still going): it stays APPROVED, nothing is built, and its last event is the
 * worker's, with the reason (the worker's retryWaiting uses the same rule). It can still be cancelled.
 */
export const waitsForRoom = (order: Pick<OrderRecord, 'status' | 'events'>) => order.status === 'APPROVED' && order.events?.at(-1)?.actorKind === 'WORKER';

export interface Size {
  cpuMillicores: number;
  memoryMiB: number;
  storageGiB: number;
}

export interface CustomRates {
  cpuCoreHourTiyn: number;
  memoryGiBHourTiyn: number;
  storageGiBHourTiyn: number;
}

export interface Plan extends Size {
  key: string;
  name: string;
  description?: string | null;
  pricePerHourTiyn: number;
  custom?: CustomRates | null;
}

export interface Offering {
  id: string;
  key: string;
  kind: OfferingKind;
  name: string;
  description: string;
  approvalPolicy: 'AUTO_WITHIN_ALLOCATION' | 'OPERATOR_ABOVE_THRESHOLD' | 'ALWAYS_OPERATOR';
  approvalThreshold?: Partial<Size> | null;
  retiredAt?: string | null;
  template: string;
  plans: Plan[];
  parametersSchema: JsonSchema;
  version: number;
  versionId: string;
  /** By locale; see lib/offeringText.ts. */
  translations?: Record<string, OfferingTextTranslation> | null;
}

/** An offering's texts in one language, as the API's Offering.translations gives them per locale. */
export interface OfferingTextTranslation {
  name?: string;
  description?: string;
  plans?: Record<string, { name?: string; description?: string }>;
  parameters?: Record<string, { title?: string; description?: string }>;
}

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
  [keyword: string]: unknown;
}

export interface QuotaChange extends Size {
  spaces: number;
  instances: number;
}

export interface OrderEvent {
  id: string;
  actorKind: 'USER' | 'WORKER' | 'SYSTEM';
  actorEmail?: string | null;
  createdAt: string;
  fromStatus?: OrderStatus | null;
  toStatus: OrderStatus;
  reason?: string | null;
}

export interface OrderRecord {
  id: string;
  tenantId: string;
  action: (typeof ORDER_ACTIONS)[number];
  target: (typeof ORDER_TARGETS)[number];
  status: OrderStatus;
  statusReason?: string | null;
  name?: string | null;
  offeringId?: string | null;
  planKey?: string | null;
  spaceId?: string | null;
  instanceId?: string | null;
  parameters?: Record<string, unknown> | null;
  pricePerHourTiyn?: number | null;
  quotaChange: QuotaChange;
  attempt: number;
  createdAt: string;
  updatedAt: string;
  events?: OrderEvent[];
}

export interface Endpoint {
  component: string;
  kind: string;
  url: string;
}

/** One managed Kubernetes object as the worker last observed it (GraphQL `KubeObject`). */
export interface KubeObjectRecord {
  kind: string;
  name: string;
  namespace?: string | null;
  state: 'READY' | 'PROGRESSING' | 'MISSING' | 'FAILED';
  /** English; the fallback when the console has no translation of detailCode. */
  message: string;
  detailCode?: string | null;
  detailParams?: Record<string, string | number> | null;
  observedAt: string;
}

export interface InstanceRecord extends Size {
  id: string;
  tenantId: string;
  spaceId: string;
  offeringId: string;
  offeringVersionId: string;
  name: string;
  slug: string;
  planKey: string;
  parameters: Record<string, unknown>;
  status: InstanceStatus;
  statusReason?: string | null;
  endpoints: Endpoint[];
  kubeObjects?: KubeObjectRecord[];
  credentialsSecretName?: string | null;
  /** Credentials are shown once, to the owner: when and to whom (null while not yet), and whether the caller may do it now. */
  credentialsRevealedAt?: string | null;
  credentialsRevealedTo?: string | null;
  canRevealCredentials?: boolean;
  leaseEndsAt?: string | null;
  suspendedAt?: string | null;
  createdAt: string;
}

/** The size fields a custom plan reads from the parameters (the API's CUSTOM_SIZE_FIELDS). */
export const CUSTOM_SIZE_FIELDS = ['cpuMillicores', 'memoryMiB', 'storageGiB'] as const;

/** Average hours in a month (365 × 24 / 12), for monthly estimates. */
export const HOURS_PER_MONTH = 730;

/** Tiyn (1/100 tenge) as tenge for people: "₸30.40" / "30,40 ₸". */
export const formatTiyn = (tiyn: number, locale: string): string =>
  new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { style: 'currency', currency: 'KZT', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(tiyn / 100);

/** The size an order of `plan` gets: the plan's, or for a custom plan the size parameters. */
export const planSize = (plan: Plan, parameters: Record<string, unknown> = {}): Size => {
  if (!plan.custom) return { cpuMillicores: plan.cpuMillicores, memoryMiB: plan.memoryMiB, storageGiB: plan.storageGiB };
  const read = (name: keyof Size) => (typeof parameters[name] === 'number' ? (parameters[name] as number) : 0);
  return { cpuMillicores: read('cpuMillicores'), memoryMiB: read('memoryMiB'), storageGiB: read('storageGiB') };
};

/** Hourly price of one plan at a size: the plan's, or a custom plan's base fee plus its rates, rounded up to a whole tiyn. */
export const planPricePerHour = (plan: Plan, size: Size = plan): number => {
  if (!plan.custom) return plan.pricePerHourTiyn;
  const rates = plan.custom;
  const variable = (size.cpuMillicores / 1000) * rates.cpuCoreHourTiyn + (size.memoryMiB / 1024) * rates.memoryGiBHourTiyn + size.storageGiB * rates.storageGiBHourTiyn;
  return plan.pricePerHourTiyn + Math.ceil(variable - 1e-9);
};

/** Apps that scale out size one replica per plan; the order takes (and costs) that many. */
export const replicasOf = (parameters: Record<string, unknown> = {}): number =>
  typeof parameters.replicas === 'number' && parameters.replicas > 0 ? parameters.replicas : 1;

export interface OrderEstimate {
  /** What the order takes from the allocation, at most (some templates use less, e.g. a cache without persistence). */
  footprint: Size;
  pricePerHourTiyn: number;
}

export const estimateOrder = (plan: Plan, parameters: Record<string, unknown> = {}): OrderEstimate => {
  const size = planSize(plan, parameters);
  const replicas = plan.custom ? 1 : replicasOf(parameters);
  return {
    footprint: { cpuMillicores: size.cpuMillicores * replicas, memoryMiB: size.memoryMiB * replicas, storageGiB: size.storageGiB },
    pricePerHourTiyn: planPricePerHour(plan, size) * replicas,
  };
};

/** The lowest hourly price among fixed plans (a custom plan counts with its smallest sensible size: its base fee). */
export const cheapestPricePerHour = (plans: readonly Plan[]): number | undefined => {
  const prices = plans.map((plan) => plan.pricePerHourTiyn).filter((price) => price > 0);
  return prices.length > 0 ? Math.min(...prices) : undefined;
};

export type QuotaResource = 'cpu' | 'memory' | 'storage' | 'spaces' | 'instances';

export interface ResourceImpact {
  resource: QuotaResource;
  /** In use now (own use plus what was handed to children). */
  inUse: number;
  /** What this order adds (negative when it gives back). */
  change: number;
  /** In use after the order. */
  after: number;
  limit: number;
  over: boolean;
}

/**
 * What the allocation looks like after an order: used and handed-down now, plus the change, per
 * resource. Only growth is checked by the API, so a shrink is never "over". An order waiting for
 * approval has reserved its growth at submit (`alreadyReserved`), so it is not counted twice.
 */
export const quotaImpact = (allocation: Allocation, change: Partial<QuotaChange>, options: { alreadyReserved?: boolean } = {}): ResourceImpact[] => {
  const rows: Array<[QuotaResource, number, number, number]> = [
    ['cpu', allocation.usedCpuMillicores + allocation.allocatedToChildrenCpuMillicores, change.cpuMillicores ?? 0, allocation.cpuMillicores],
    ['memory', allocation.usedMemoryMiB + allocation.allocatedToChildrenMemoryMiB, change.memoryMiB ?? 0, allocation.memoryMiB],
    ['storage', allocation.usedStorageGiB + allocation.allocatedToChildrenStorageGiB, change.storageGiB ?? 0, allocation.storageGiB],
    ['spaces', allocation.usedSpaces + allocation.allocatedToChildrenSpaces, change.spaces ?? 0, allocation.maxSpaces],
    ['instances', allocation.usedInstances + allocation.allocatedToChildrenInstances, change.instances ?? 0, allocation.maxInstances],
  ];
  return rows.map(([resource, used, delta, limit]) => {
    // A pending order has reserved its growth already: what was in use before it is the rest.
    const inUse = options.alreadyReserved && delta > 0 ? Math.max(0, used - delta) : used;
    return { resource, inUse, change: delta, after: Math.max(0, inUse + delta), limit, over: delta > 0 && inUse + delta > limit };
  });
};

/** A fresh idempotency key: made once per wizard, so a double click or a retry returns the same order. */
export const newIdempotencyKey = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
