import { HttpLink } from '@apollo/client';
import buildGraphQLProvider from 'ra-data-graphql-simple';
import { HttpError, type DataProvider, type RaRecord } from 'react-admin';
import { createFormatters } from './components/quantities';
import { i18nProvider } from './i18n';
import { apiFetch, GRAPHQL_URL, graphqlRequest } from './lib/apiClient';
import { toHttpError, type ErrorTexts } from './lib/graphqlErrors';
import { introspectionSchema } from './lib/schema';
import { readSession } from './lib/session';
import type { Allocation, QuotaRequestRecord, TenantRecord } from './lib/types';

/** Console routes use plural paths; the API names its types the ra-data-graphql-simple way. */
export const GRAPHQL_TYPE_BY_RESOURCE: Record<string, string> = {
  tenants: 'Tenant',
  spaces: 'Space',
  users: 'User',
  memberships: 'Membership',
  invitations: 'Invitation',
  'api-tokens': 'ApiToken',
  'audit-events': 'AuditEvent',
  allocations: 'Allocation',
  'quota-requests': 'QuotaRequest',
  offerings: 'Offering',
  orders: 'Order',
  instances: 'Instance',
  clusters: 'Cluster',
};

const graphqlProvider = buildGraphQLProvider({
  clientOptions: {
    link: new HttpLink({ uri: GRAPHQL_URL, fetch: apiFetch }),
  },
  // No introspection round trip: the schema comes from the committed SDL (see lib/schema.ts).
  introspection: { schema: introspectionSchema },
});

/** Allocation forms name their inputs after the API's limits; spaces and instances are maxSpaces/maxInstances there. */
const QUOTA_FORM_FIELDS: Record<string, string> = { spaces: 'maxSpaces', instances: 'maxInstances' };
const FIELD_MAP_BY_RESOURCE: Record<string, Record<string, string>> = {
  allocations: QUOTA_FORM_FIELDS,
  'quota-requests': QUOTA_FORM_FIELDS,
};

/** Error texts in the console's current language (read when an error happens, so a language switch applies). */
export const errorTexts = (resource?: string): ErrorTexts => {
  const translate = (key: string, options?: Record<string, unknown>) => i18nProvider.translate(key, options);
  const format = createFormatters(translate, i18nProvider.getLocale());
  const byResource: Record<string, (amount: number) => string> = {
    cpuMillicores: format.cpu,
    memoryMiB: format.memory,
    storageGiB: format.storage,
    spaces: format.count,
    instances: format.count,
  };
  return {
    translate,
    formatAmount: (quotaResource, amount) => (byResource[quotaResource] ?? String)(amount),
    fieldMap: resource ? FIELD_MAP_BY_RESOURCE[resource] : undefined,
  };
};

const INVITATION_FIELDS = 'id tenantId email role status expiresAt createdAt acceptedAt revokedAt invitedById';
const API_TOKEN_FIELDS = 'id tenantId name prefix role active expiresAt createdAt lastUsedAt revokedAt createdById';
const QUOTA_REQUEST_FIELDS =
  'id tenantId region status justification reason cpuMillicores memoryMiB storageGiB maxSpaces maxInstances grantedCpuMillicores grantedMemoryMiB grantedStorageGiB grantedMaxSpaces grantedMaxInstances createdAt decidedAt requestedById decidedById';
const ALLOCATION_FIELDS =
  'id tenantId region parentAllocationId cpuMillicores memoryMiB storageGiB maxSpaces maxInstances usedCpuMillicores usedMemoryMiB usedStorageGiB usedSpaces usedInstances allocatedToChildrenCpuMillicores allocatedToChildrenMemoryMiB allocatedToChildrenStorageGiB allocatedToChildrenSpaces allocatedToChildrenInstances updatedAt';
const TENANT_STATUS_FIELDS = 'id name status statusReason';
const CLUSTER_FIELDS =
  'id name regions apiUrl credentialsSource sandbox cordoned cordonReason health healthReason healthReasonCode lastSeenAt qps capacityCpuMillicores capacityMemoryMiB capacityStorageGiB capacityMaxSpaces spacesCount reservedCpuMillicores reservedMemoryMiB reservedStorageGiB createdAt updatedAt';

export interface QuotaAmountsInput {
  cpuMillicores?: number;
  memoryMiB?: number;
  storageGiB?: number;
  maxSpaces?: number;
  maxInstances?: number;
}

const setAllocation = async (data: QuotaAmountsInput & { tenantId: string; region: string }) =>
  (
    await graphqlRequest<{ setAllocation: Allocation }>(
      `mutation SetAllocation($tenantId: ID!, $region: String!, $cpuMillicores: Int!, $memoryMiB: Int!, $storageGiB: Int!, $maxSpaces: Int!, $maxInstances: Int!) {
        setAllocation(tenantId: $tenantId, region: $region, cpuMillicores: $cpuMillicores, memoryMiB: $memoryMiB, storageGiB: $storageGiB, maxSpaces: $maxSpaces, maxInstances: $maxInstances) { ${ALLOCATION_FIELDS} }
      }`,
      { ...data },
    )
  ).setAllocation;

type Override = (params: any) => Promise<{ data: RaRecord }>;

/** Operations that do not follow ra-data-graphql-simple's create/update/delete naming. */
const OVERRIDES: Record<string, Partial<Record<'create' | 'update' | 'delete', Override>>> = {
  invitations: {
    create: async ({ data }) => ({
      data: (
        await graphqlRequest<{ inviteUser: RaRecord }>(
          `mutation InviteUser($tenantId: ID!, $email: String!, $role: TenantRole!) { inviteUser(tenantId: $tenantId, email: $email, role: $role) { ${INVITATION_FIELDS} } }`,
          { tenantId: data.tenantId, email: String(data.email ?? '').trim(), role: data.role },
        )
      ).inviteUser,
    }),
    delete: async ({ id }) => ({
      data: (await graphqlRequest<{ revokeInvitation: RaRecord }>(`mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { ${INVITATION_FIELDS} } }`, { id }))
        .revokeInvitation,
    }),
  },
  'api-tokens': {
    // The secret comes back once, in this answer only: it rides along on the created record.
    create: async ({ data }) => {
      const { createApiToken } = await graphqlRequest<{ createApiToken: { id: string; token: string; apiToken: RaRecord } }>(
        `mutation CreateApiToken($tenantId: ID!, $name: String!, $role: TenantRole!, $expiresAt: DateTime!) {
          createApiToken(tenantId: $tenantId, name: $name, role: $role, expiresAt: $expiresAt) { id token apiToken { ${API_TOKEN_FIELDS} } }
        }`,
        { tenantId: data.tenantId, name: String(data.name ?? '').trim(), role: data.role, expiresAt: data.expiresAt },
      );
      return { data: { ...createApiToken.apiToken, id: createApiToken.id, token: createApiToken.token } };
    },
    delete: async ({ id }) => ({
      data: (await graphqlRequest<{ revokeApiToken: RaRecord }>(`mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ${API_TOKEN_FIELDS} } }`, { id })).revokeApiToken,
    }),
  },
  'quota-requests': {
    create: async ({ data }) => ({
      data: (
        await graphqlRequest<{ requestQuota: QuotaRequestRecord }>(
          `mutation RequestQuota($tenantId: ID!, $region: String!, $cpuMillicores: Int, $memoryMiB: Int, $storageGiB: Int, $maxSpaces: Int, $maxInstances: Int, $justification: String!) {
            requestQuota(tenantId: $tenantId, region: $region, cpuMillicores: $cpuMillicores, memoryMiB: $memoryMiB, storageGiB: $storageGiB, maxSpaces: $maxSpaces, maxInstances: $maxInstances, justification: $justification) { ${QUOTA_REQUEST_FIELDS} }
          }`,
          data,
        )
      ).requestQuota,
    }),
  },
  clusters: {
    // registerCluster takes the credentials the record never shows; only the chosen kind is sent.
    create: async ({ data }) => {
      const { credentialsKind, kubeconfig, apiUrl, token, caData, ...rest } = data;
      const credentials = credentialsKind === 'token' ? { apiUrl, token, caData: caData || undefined } : { kubeconfig };
      return {
        data: (
          await graphqlRequest<{ registerCluster: RaRecord }>(
            `mutation RegisterCluster($name: String!, $regions: [String!]!, $kubeconfig: String, $apiUrl: String, $token: String, $caData: String,
              $capacityCpuMillicores: Int, $capacityMemoryMiB: Int, $capacityStorageGiB: Int, $capacityMaxSpaces: Int, $qps: Int) {
              registerCluster(name: $name, regions: $regions, kubeconfig: $kubeconfig, apiUrl: $apiUrl, token: $token, caData: $caData,
                capacityCpuMillicores: $capacityCpuMillicores, capacityMemoryMiB: $capacityMemoryMiB, capacityStorageGiB: $capacityStorageGiB, capacityMaxSpaces: $capacityMaxSpaces, qps: $qps) { ${CLUSTER_FIELDS} }
            }`,
            { ...rest, name: String(rest.name ?? '').trim(), ...credentials },
          )
        ).registerCluster,
      };
    },
  },
  allocations: {
    create: async ({ data }) => ({ data: await setAllocation(data) }),
    update: async ({ data }) => ({ data: await setAllocation(data) }),
  },
};

const METHODS = ['getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'updateMany', 'delete', 'deleteMany'] as const;

const assertSignedIn = () => {
  // Signed out: say so without a round trip (pages can render for a moment before the login redirect).
  if (!readSession()) throw new HttpError('nprod.auth.session_expired', 401, { code: 'UNAUTHENTICATED' });
};

const wrap = (method: (typeof METHODS)[number]) =>
  async (resource: string, params: unknown) => {
    const override = OVERRIDES[resource]?.[method as 'create' | 'update' | 'delete'];
    const call = graphqlProvider[method] as (resource: string, params: unknown) => Promise<unknown>;
    assertSignedIn();
    try {
      return override ? await override(params) : await call(GRAPHQL_TYPE_BY_RESOURCE[resource] ?? resource, params);
    } catch (error) {
      throw toHttpError(error, errorTexts(resource));
    }
  };

/** Our own calls, with the same error handling as the standard ones. */
const custom =
  <Args extends unknown[], Result>(resource: string, run: (...args: Args) => Promise<Result>) =>
  async (...args: Args): Promise<Result> => {
    assertSignedIn();
    try {
      return await run(...args);
    } catch (error) {
      throw toHttpError(error, errorTexts(resource));
    }
  };

/** Operations with no ra-data-graphql-simple equivalent: decisions on requests, sign-ups and tenant status. */
const customMethods = {
  approveQuotaRequest: custom('quota-requests', async (id: string, grant: QuotaAmountsInput, reason?: string) =>
    (
      await graphqlRequest<{ approveQuotaRequest: QuotaRequestRecord }>(
        `mutation ApproveQuotaRequest($id: ID!, $cpuMillicores: Int, $memoryMiB: Int, $storageGiB: Int, $maxSpaces: Int, $maxInstances: Int, $reason: String) {
          approveQuotaRequest(id: $id, cpuMillicores: $cpuMillicores, memoryMiB: $memoryMiB, storageGiB: $storageGiB, maxSpaces: $maxSpaces, maxInstances: $maxInstances, reason: $reason) { ${QUOTA_REQUEST_FIELDS} }
        }`,
        { id, ...grant, reason: reason?.trim() || undefined },
      )
    ).approveQuotaRequest,
  ),
  rejectQuotaRequest: custom('quota-requests', async (id: string, reason: string) =>
    (
      await graphqlRequest<{ rejectQuotaRequest: QuotaRequestRecord }>(
        `mutation RejectQuotaRequest($id: ID!, $reason: String!) { rejectQuotaRequest(id: $id, reason: $reason) { ${QUOTA_REQUEST_FIELDS} } }`,
        { id, reason: reason.trim() },
      )
    ).rejectQuotaRequest,
  ),
  verifyTenant: custom('tenants', async (id: string, sizes: Omit<QuotaAmountsInput, 'maxInstances'>) =>
    (
      await graphqlRequest<{ verifyTenant: TenantRecord }>(
        `mutation VerifyTenant($id: ID!, $cpuMillicores: Int, $memoryMiB: Int, $storageGiB: Int, $maxSpaces: Int) {
          verifyTenant(id: $id, cpuMillicores: $cpuMillicores, memoryMiB: $memoryMiB, storageGiB: $storageGiB, maxSpaces: $maxSpaces) { ${TENANT_STATUS_FIELDS} }
        }`,
        { id, ...sizes },
      )
    ).verifyTenant,
  ),
  rejectSignUp: custom('tenants', async (id: string, reason: string) =>
    (
      await graphqlRequest<{ rejectSignUp: TenantRecord }>(`mutation RejectSignUp($id: ID!, $reason: String!) { rejectSignUp(id: $id, reason: $reason) { ${TENANT_STATUS_FIELDS} } }`, {
        id,
        reason: reason.trim(),
      })
    ).rejectSignUp,
  ),
  cordonCluster: custom('clusters', async (id: string, reason: string) =>
    (await graphqlRequest<{ cordonCluster: RaRecord }>(`mutation CordonCluster($id: ID!, $reason: String!) { cordonCluster(id: $id, reason: $reason) { ${CLUSTER_FIELDS} } }`, { id, reason: reason.trim() }))
      .cordonCluster,
  ),
  uncordonCluster: custom('clusters', async (id: string) =>
    (await graphqlRequest<{ uncordonCluster: RaRecord }>(`mutation UncordonCluster($id: ID!) { uncordonCluster(id: $id) { ${CLUSTER_FIELDS} } }`, { id })).uncordonCluster,
  ),
  setTenantStatus: custom('tenants', async (id: string, status: 'ACTIVE' | 'SUSPENDED', statusReason?: string) =>
    (
      await graphqlRequest<{ updateTenant: TenantRecord }>(
        `mutation SetTenantStatus($id: ID!, $status: TenantStatus, $statusReason: String) { updateTenant(id: $id, status: $status, statusReason: $statusReason) { ${TENANT_STATUS_FIELDS} } }`,
        { id, status, statusReason: statusReason?.trim() || undefined },
      )
    ).updateTenant,
  ),
};

export type NprodDataProvider = DataProvider & typeof customMethods;

export const dataProvider = {
  ...Object.fromEntries(METHODS.map((method) => [method, wrap(method)])),
  ...customMethods,
} as unknown as NprodDataProvider;
