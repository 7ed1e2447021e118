/** Order and instance operations with no ra-data-graphql-simple equivalent; errors stay GraphQLRequestErrors so forms can place them. */
import { graphqlRequest } from '../lib/apiClient';
import type { InstanceRecord, OrderRecord } from '../lib/catalogue';

const ORDER_FIELDS = 'id tenantId status statusReason action target instanceId spaceId';
const INSTANCE_FIELDS = 'id tenantId status statusReason leaseEndsAt suspendedAt';

export interface SubmitOrderInput {
  tenantId: string;
  offeringId: string;
  spaceId: string;
  planKey: string;
  parameters: Record<string, unknown>;
  name?: string;
  leaseEndsAt?: string;
  idempotencyKey: string;
}

export interface CreateSpaceInput {
  tenantId: string;
  name: string;
  slug: string;
  cpuMillicores: number;
  memoryMiB: number;
  storageGiB: number;
  idempotencyKey: string;
}

type OrderRef = Pick<OrderRecord, 'id' | 'tenantId' | 'status' | 'statusReason' | 'action' | 'target' | 'instanceId' | 'spaceId'>;

export const ordersApi = {
  submitOrder: async (input: SubmitOrderInput): Promise<OrderRef> =>
    (
      await graphqlRequest<{ submitOrder: OrderRef }>(
        `mutation SubmitOrder($tenantId: ID!, $offeringId: ID, $spaceId: ID, $planKey: String, $parameters: JSON, $name: String, $leaseEndsAt: DateTime, $idempotencyKey: String!) {
          submitOrder(tenantId: $tenantId, offeringId: $offeringId, spaceId: $spaceId, planKey: $planKey, parameters: $parameters, name: $name, leaseEndsAt: $leaseEndsAt, idempotencyKey: $idempotencyKey) { ${ORDER_FIELDS} }
        }`,
        { ...input },
      )
    ).submitOrder,

  /** A compute space is ordered with createSpace; its order is the space's CREATE order. */
  createSpace: async (input: CreateSpaceInput): Promise<{ spaceId: string; orderId: string | undefined }> => {
    const { createSpace } = await graphqlRequest<{ createSpace: { id: string } }>(
      `mutation CreateSpace($tenantId: ID!, $name: String!, $slug: String!, $cpuMillicores: Int!, $memoryMiB: Int!, $storageGiB: Int!, $idempotencyKey: String) {
        createSpace(tenantId: $tenantId, name: $name, slug: $slug, cpuMillicores: $cpuMillicores, memoryMiB: $memoryMiB, storageGiB: $storageGiB, idempotencyKey: $idempotencyKey) { id }
      }`,
      { ...input },
    );
    const { allOrders } = await graphqlRequest<{ allOrders: Array<{ id: string }> }>(
      'query SpaceOrder($spaceId: ID!) { allOrders(filter: { spaceId: $spaceId, action: CREATE }, perPage: 1, sortField: "createdAt", sortOrder: "DESC") { id } }',
      { spaceId: createSpace.id },
    );
    return { spaceId: createSpace.id, orderId: allOrders[0]?.id };
  },

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
