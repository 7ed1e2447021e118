import { useGetOne } from 'react-admin';
import { assignableRoles, effectiveRole, outranks } from '../lib/access';
import type { TenantRole } from '../lib/enums';
import { enumChoices } from '../lib/enums';
import type { TenantRecord } from '../lib/types';
import { useCaller } from '../lib/useCaller';

/** The caller's role over a tenant (own membership or an ancestor's OWNER/ADMIN) and what they may grant there. */
export const useRoleCeiling = (tenantId: string | undefined) => {
  const caller = useCaller();
  const { data: tenant, isPending } = useGetOne<TenantRecord>('tenants', { id: tenantId ?? '' }, { enabled: !!tenantId });
  const own = tenantId ? effectiveRole(caller, tenantId, tenant?.ancestorsIds ?? []) : null;
  const roles = assignableRoles(own);
  return {
    own,
    roles,
    choices: enumChoices('TenantRole', roles),
    isPending: !!tenantId && isPending,
    /** An ADMIN cannot change or remove an OWNER: nobody touches a role above their own. */
    canTouch: (role: TenantRole) => own !== null && !outranks(role, own) && (own === 'OWNER' || own === 'ADMIN'),
  };
};
