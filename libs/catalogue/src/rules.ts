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
      return RESOURCE_NAMES.some((name) => {
        const limit = offering.approvalThreshold?.[name];
        return limit !== undefined && limit !== null && footprint[name] > limit;
      });
  }
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
