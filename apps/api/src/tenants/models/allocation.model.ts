// The Allocation type belongs to the quotas feature; a tenant shows its home-region allocation.
export { AllocationModel } from '../../quotas/models/allocation.model';
