import { OfferingKind } from '@nprod/domain';
import type { SpaceTemplate } from './template';

/** IaaS: a namespace with its ResourceQuota, LimitRange, NetworkPolicies and RoleBindings. */
export const computeSpaceTemplate: SpaceTemplate = {
  key: 'compute-space',
  kind: OfferingKind.Iaas,
  produces: 'space',
  requiredParameters: [],
  customPlans: true,
  checkPlan: (plan) => (plan.storageGiB < 1 ? 'storageGiB must be at least 1: a space always has some storage' : undefined),
};
