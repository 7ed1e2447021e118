import { ApprovalPolicy, OfferingVisibility, RESOURCE_NAMES, type ResourceAmounts, TenantKind } from '@nprod/domain';
import type { CustomPlanRates, OfferingPlan, ResourceThreshold, Tiyn } from './types';

const PUBLIC_BODY_KINDS: ReadonlySet<TenantKind> = new Set([TenantKind.Agency, TenantKind.Municipality]);

/** Whether public bodies (agencies, municipalities) are the tenant kind an offering of `PUBLIC_BODIES` serves. */
export function isPublicBody(kind: TenantKind): boolean {
  return PUBLIC_BODY_KINDS.has(kind);
}

/** Whether a tenant may order an offering with this visibility. */
export function canTenantOrder(
  offering: { readonly visibility: OfferingVisibility; readonly allowedTenantIds: readonly string[] },
  tenant: { readonly id: string; readonly kind: TenantKind },
): boolean {
  switch (offering.visibility) {
    case OfferingVisibility.Everyone:
      return true;
    case OfferingVisibility.PublicBodies:
      return isPublicBody(tenant.kind);
    case OfferingVisibility.NamedTenants:
      return offering.allowedTenantIds.includes(tenant.id);
  }
}

/**
 * Whether an order of this footprint waits for an operator. Allocation checks come on top:
 * an automatically approved order must still fit the tenant's allocation.
 */
export function approvalRequired(
  offering: { readonly approvalPolicy: ApprovalPolicy; readonly approvalThreshold?: ResourceThreshold | null },
  footprint: ResourceAmounts,
): boolean {
  switch (offering.approvalPolicy) {
    case ApprovalPolicy.AutoWithinAllocation:
      return false;
    case ApprovalPolicy.AlwaysOperator:
      return true;
    case ApprovalPolicy.OperatorAboveThreshold:
      return resourcesAboveThreshold(offering.approvalThreshold, footprint).length > 0;
  }
}

/** The resources of `footprint` above the threshold's amount (a resource without an amount never is). */
export function resourcesAboveThreshold(threshold: ResourceThreshold | null | undefined, footprint: ResourceAmounts): (keyof ResourceAmounts)[] {
  return RESOURCE_NAMES.filter((name) => {
    const limit = threshold?.[name];
    return limit !== undefined && limit !== null && footprint[name] > limit;
  });
}

/** The size an order of `plan` gets: the plan's, or for a custom plan the size parameters. */
export function resolvePlanSize(plan: OfferingPlan, parameters: Readonly<Record<string, unknown>>): ResourceAmounts {
  if (!plan.custom) return { cpuMillicores: plan.cpuMillicores, memoryMiB: plan.memoryMiB, storageGiB: plan.storageGiB };
  const read = (name: keyof ResourceAmounts) => {
    const value = parameters[name];
    if (typeof value !== 'number') throw new RangeError(`parameters.${name} is required for the custom size`);
    return value;
  };
  return { cpuMillicores: read('cpuMillicores'), memoryMiB: read('memoryMiB'), storageGiB: read('storageGiB') };
}

/** Hourly price in tiyn of one plan at a size; custom plans charge their base fee plus the rates, rounded up to a whole tiyn. */
export function planPricePerHour(plan: OfferingPlan, size: ResourceAmounts): Tiyn {
  if (!plan.custom) return plan.pricePerHourTiyn;
  const rates: CustomPlanRates = plan.custom;
  const variable = (size.cpuMillicores / 1000) * rates.cpuCoreHourTiyn + (size.memoryMiB / 1024) * rates.memoryGiBHourTiyn + size.storageGiB * rates.storageGiBHourTiyn;
  return plan.pricePerHourTiyn + Math.ceil(variable - 1e-9);
}

/** An operator's per-tenant approval policy: for one offering, or (offeringId null) for all of the tenant's orders. */
export interface ApprovalOverride {
  readonly offeringId: string | null;
  readonly policy: ApprovalPolicy;
  readonly threshold?: ResourceThreshold | null;
}

/** The policy that decides an order, and where it comes from (so order events can say which rule asked). */
export interface ApprovalRule {
  readonly policy: ApprovalPolicy;
  readonly threshold: ResourceThreshold | null;
  readonly source: 'offering' | 'tenant' | 'tenant-offering';
}

/**
 * The tenant's override for this offering, else the tenant's override for all offerings,
 * else the offering's own policy: the most specific rule wins, unset inherits.
 */
export function effectiveApprovalRule(
  offering: { readonly id: string; readonly approvalPolicy: ApprovalPolicy; readonly approvalThreshold?: ResourceThreshold | null },
  overrides: readonly ApprovalOverride[],
): ApprovalRule {
  const forOffering = overrides.find((override) => override.offeringId === offering.id);
  if (forOffering) return { policy: forOffering.policy, threshold: forOffering.threshold ?? null, source: 'tenant-offering' };
  const forTenant = overrides.find((override) => override.offeringId === null);
  if (forTenant) return { policy: forTenant.policy, threshold: forTenant.threshold ?? null, source: 'tenant' };
  return { policy: offering.approvalPolicy, threshold: offering.approvalThreshold ?? null, source: 'offering' };
}

/** The policy's name as the console shows it (messages never show enum names). */
const APPROVAL_POLICY_NAMES: Readonly<Record<ApprovalPolicy, string>> = {
  [ApprovalPolicy.AutoWithinAllocation]: 'Automatic within the allocation',
  [ApprovalPolicy.OperatorAboveThreshold]: 'Operator above a threshold',
  [ApprovalPolicy.AlwaysOperator]: 'Always an operator',
};

/** An approval policy for a message, quoted as the console names it: `"Always an operator"`. */
export function describeApprovalPolicy(policy: ApprovalPolicy): string {
  return `"${APPROVAL_POLICY_NAMES[policy]}"`;
}

const RULE_SOURCES: Readonly<Record<ApprovalRule['source'], string>> = {
  offering: "the offering's approval policy",
  tenant: "the tenant's approval policy for all offerings",
  'tenant-offering': "the tenant's approval policy for this offering",
};

const THRESHOLD_UNITS: Readonly<Record<keyof ResourceAmounts, (amount: number) => string>> = {
  cpuMillicores: (amount) => `${amount / 1000} CPU`,
  memoryMiB: (amount) => (amount % 1024 === 0 ? `${amount / 1024} GiB memory` : `${amount} MiB memory`),
  storageGiB: (amount) => `${amount} GiB storage`,
};

/**
 * Whether an order of this footprint waits for an operator under `rule`, and in words which
 * rule decided and why, e.g. "the offering's approval policy: 20 CPU is above the threshold of 16 CPU".
 */
export function approvalDecision(rule: ApprovalRule, footprint: ResourceAmounts): { readonly required: boolean; readonly reason: string } {
  const source = RULE_SOURCES[rule.source];
  switch (rule.policy) {
    case ApprovalPolicy.AutoWithinAllocation:
      return { required: false, reason: `Approved automatically: ${source} is ${describeApprovalPolicy(rule.policy)}.` };
    case ApprovalPolicy.AlwaysOperator:
      return { required: true, reason: `Waits for a platform operator: ${source} is ${describeApprovalPolicy(rule.policy)} (every order is approved by an operator).` };
    case ApprovalPolicy.OperatorAboveThreshold: {
      const above = resourcesAboveThreshold(rule.threshold, footprint);
      if (above.length === 0) return { required: false, reason: `Approved automatically: within the threshold of ${source} (${describeApprovalPolicy(rule.policy)}).` };
      const details = above.map((name) => `${THRESHOLD_UNITS[name](footprint[name])} is above the threshold of ${THRESHOLD_UNITS[name](rule.threshold![name]!)}`).join('; ');
      return { required: true, reason: `Waits for a platform operator: ${source} is ${describeApprovalPolicy(rule.policy)}, and ${details}.` };
    }
  }
}
