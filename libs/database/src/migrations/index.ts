import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { AddAuditEvents1795446998466 } from './1795446998466-add-audit-events';
import { AddIdentityOnboarding1795447366625 } from './1795447366625-add-identity-onboarding';
import { AddTenantStatusReason1795447400000 } from './1795447400000-add-tenant-status-reason';
import { AddMembershipRbacSync1795447400001 } from './1795447400001-add-membership-rbac-sync';
import { AddIdentitySecurity1795447572711 } from './1795447572711-add-identity-security';
import { AddQuotas1795447692128 } from './1795447692128-add-quotas';
import { AddCatalogue1795447868840 } from './1795447868840-add-catalogue';
import { AddInstances1795449087716 } from './1795449087716-add-instances';
import { AddOrderListIndexes1795449939501 } from './1795449939501-add-order-list-indexes';
import { AddClusterRegistration1795600000001 } from './1795600000001-add-cluster-registration';
import { AddInstanceKubeObjects1795610000001 } from './1795610000001-add-instance-kube-objects';
import { AddSpaceKubeObjects1795610000002 } from './1795610000002-add-space-kube-objects';
import { AddOrderUpdatedNotify1795620000001 } from './1795620000001-add-order-updated-notify';
import { AddSpaceOrdersApprovalPolicies1795630000001 } from './1795630000001-add-space-orders-approval-policies';
import { AddSpaceResizeHoldLiveUnique1795640000001 } from './1795640000001-add-space-resize-hold-live-unique';
import { InstancesFitTheirSpace1795670000001 } from './1795670000001-instances-fit-their-space';
import { AddInstanceCredentialsRevealed1795680000001 } from './1795680000001-add-instance-credentials-revealed';
import { AddClusterHealthReasonCode1795690000001 } from './1795690000001-add-cluster-health-reason-code';

/** Every migration in order; `npm run migrate` (or the Helm hook) applies the pending ones. */
export const migrations = [InitialSchema1763900000000, AddAuditEvents1795446998466, AddIdentityOnboarding1795447366625, AddTenantStatusReason1795447400000, AddMembershipRbacSync1795447400001, AddIdentitySecurity1795447572711, AddQuotas1795447692128, AddCatalogue1795447868840, AddInstances1795449087716, AddOrderListIndexes1795449939501, AddClusterRegistration1795600000001, AddInstanceKubeObjects1795610000001, AddSpaceKubeObjects1795610000002, AddOrderUpdatedNotify1795620000001, AddSpaceOrdersApprovalPolicies1795630000001, AddSpaceResizeHoldLiveUnique1795640000001, InstancesFitTheirSpace1795670000001, AddInstanceCredentialsRevealed1795680000001, AddClusterHealthReasonCode1795690000001];
