/** Order and instance operations with no ra-data-graphql-simple equivalent; errors stay GraphQLRequestErrors so forms can place them. */
import { graphqlRequest } from '../lib/apiClient';
import type { InstanceRecord, OrderRecord } from '../lib/catalogue';

const ORDER_FIELDS = 'id tenantId status statusReason action target instanceId spaceId';
const INSTANCE_FIELDS = 'id tenantId status statusReason leaseEndsAt suspendedAt';

/** What submitOrder and quoteOrder take: an instance into spaceId, or (a space offering) a new space named by name and slug. */
export interface OrderArgs {
  tenantId: string;
  action?: 'CREATE' | 'MODIFY' | 'DELETE';
  offeringId?: string;
  spaceId?: string;
  /** MODIFY and DELETE of an instance. */
  instanceId?: string;
  planKey?: string;
  parameters?: Record<string, unknown>;
  name?: string;
  slug?: string;
  leaseEndsAt?: string;
}

export interface SubmitOrderInput extends OrderArgs {
  idempotencyKey: string;
}

export type QuotaResourceName = 'cpuMillicores' | 'memoryMiB' | 'storageGiB' | 'spaces' | 'instances';

/** quoteOrder's answer: what submitOrder would do, nothing stored. */
export interface OrderQuote {
  action: string;
  target: string;
  region: string;
  quotaChange: Record<QuotaResourceName, number>;
  reserved: Record<QuotaResourceName, number>;
  pricePerHourTiyn: number | null;
  approvalRequired: boolean;
  approvalReason: string;
  fits: boolean;
  problem: string | null;
  problemField: string | null;
  /** An instance order's space: its cpu, memory and storage rows (scope SPACE) are measured against the space's size. */
  spaceName: string | null;
  impact: Array<{ scope: 'ALLOCATION' | 'SPACE'; resource: QuotaResourceName; allocated: number; inUse: number; change: number; freeAfter: number }>;
}

const QUOTA_FIELDS = 'cpuMillicores memoryMiB storageGiB spaces instances';
const ORDER_ARGS_VARIABLES = '$tenantId: ID!, $action: OrderAction, $offeringId: ID, $spaceId: ID, $instanceId: ID, $planKey: String, $parameters: JSON, $name: String, $slug: String, $leaseEndsAt: DateTime';
const ORDER_ARGS = 'tenantId: $tenantId, action: $action, offeringId: $offeringId, spaceId: $spaceId, instanceId: $instanceId, planKey: $planKey, parameters: $parameters, name: $name, slug: $slug, leaseEndsAt: $leaseEndsAt';

type OrderRef = Pick<OrderRecord, 'id' | 'tenantId' | 'status' | 'statusReason' | 'action' | 'target' | 'instanceId' | 'spaceId'>;

export const ordersApi = {
  submitOrder: async (input: SubmitOrderInput): Promise<OrderRef> =>
    (
      await graphqlRequest<{ submitOrder: OrderRef }>(
        `mutation SubmitOrder(${ORDER_ARGS_VARIABLES}, $idempotencyKey: String!) { submitOrder(${ORDER_ARGS}, idempotencyKey: $idempotencyKey) { ${ORDER_FIELDS} } }`,
        { ...input },
      )
    ).submitOrder,

  quoteOrder: async (args: OrderArgs): Promise<OrderQuote> =>
    (
      await graphqlRequest<{ quoteOrder: OrderQuote }>(
        `query QuoteOrder(${ORDER_ARGS_VARIABLES}) {
          quoteOrder(${ORDER_ARGS}) {
            action target region quotaChange { ${QUOTA_FIELDS} } reserved { ${QUOTA_FIELDS} } pricePerHourTiyn approvalRequired approvalReason fits problem problemField spaceName
            impact { scope resource allocated inUse change freeAfter }
          }
        }`,
        { ...args },
      )
    ).quoteOrder,

  resizeSpace: async (id: string, planKey: string | undefined, parameters: Record<string, unknown> | undefined, idempotencyKey: string) =>
    (
      await graphqlRequest<{ resizeSpace: OrderRef }>(
        `mutation ResizeSpace($id: ID!, $planKey: String, $parameters: JSON, $idempotencyKey: String) { resizeSpace(id: $id, planKey: $planKey, parameters: $parameters, idempotencyKey: $idempotencyKey) { ${ORDER_FIELDS} } }`,
        { id, planKey, parameters, idempotencyKey },
      )
    ).resizeSpace,

  deleteSpace: async (id: string, idempotencyKey: string) =>
    (await graphqlRequest<{ deleteSpace: OrderRef }>(`mutation DeleteSpace($id: ID!, $idempotencyKey: String) { deleteSpace(id: $id, idempotencyKey: $idempotencyKey) { ${ORDER_FIELDS} } }`, { id, idempotencyKey }))
      .deleteSpace,

  approveOrder: async (id: string, reason?: string) =>
    (await graphqlRequest<{ approveOrder: OrderRef }>(`mutation ApproveOrder($id: ID!, $reason: String) { approveOrder(id: $id, reason: $reason) { ${ORDER_FIELDS} } }`, { id, reason: reason?.trim() || undefined }))
      .approveOrder,

  rejectOrder: async (id: string, reason: string) =>
    (await graphqlRequest<{ rejectOrder: OrderRef }>(`mutation RejectOrder($id: ID!, $reason: String!) { rejectOrder(id: $id, reason: $reason) { ${ORDER_FIELDS} } }`, { id, reason: reason.trim() })).rejectOrder,

  cancelOrder: async (id: string) => (await graphqlRequest<{ cancelOrder: OrderRef }>(`mutation CancelOrder($id: ID!) { cancelOrder(id: $id) { ${ORDER_FIELDS} } }`, { id })).cancelOrder,

  retryOrder: async (id: string) => (await graphqlRequest<{ retryOrder: OrderRef }>(`mutation RetryOrder($id: ID!) { retryOrder(id: $id) { ${ORDER_FIELDS} } }`, { id })).retryOrder,

  resizeInstance: async (id: string, planKey: string, parameters: Record<string, unknown> | undefined, idempotencyKey: string) =>
    (
      await graphqlRequest<{ resizeInstance: OrderRef }>(
        `mutation ResizeInstance($id: ID!, $planKey: String, $parameters: JSON, $idempotencyKey: String) { resizeInstance(id: $id, planKey: $planKey, parameters: $parameters, idempotencyKey: $idempotencyKey) { ${ORDER_FIELDS} } }`,
        { id, planKey, parameters, idempotencyKey },
      )
    ).resizeInstance,

  decommissionInstance: async (id: string, idempotencyKey: string) =>
    (
      await graphqlRequest<{ decommissionInstance: OrderRef }>(
        `mutation DecommissionInstance($id: ID!, $idempotencyKey: String) { decommissionInstance(id: $id, idempotencyKey: $idempotencyKey) { ${ORDER_FIELDS} } }`,
        { id, idempotencyKey },
      )
    ).decommissionInstance,

  renewInstance: async (id: string, leaseEndsAt: string | null) =>
    (
      await graphqlRequest<{ renewInstance: Pick<InstanceRecord, 'id' | 'status' | 'leaseEndsAt'> }>(
        `mutation RenewInstance($id: ID!, $leaseEndsAt: DateTime) { renewInstance(id: $id, leaseEndsAt: $leaseEndsAt) { ${INSTANCE_FIELDS} } }`,
        { id, leaseEndsAt },
      )
    ).renewInstance,

  revealInstanceCredentials: async (id: string) =>
    (
      await graphqlRequest<{ revealInstanceCredentials: { id: string; secretName: string; values: Record<string, string> } }>(
        'mutation RevealInstanceCredentials($id: ID!) { revealInstanceCredentials(id: $id) { id secretName values } }',
        { id },
      )
    ).revealInstanceCredentials,
};
