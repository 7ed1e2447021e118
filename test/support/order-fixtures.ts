import { randomBytes } from 'node:crypto';
import { redisOffering } from '../../libs/catalogue/src/offerings/redis';
import type { GraphqlClient } from './graphql-client';
import { eventually } from './platform-harness';

export const SUBMIT_ORDER = `mutation($tenantId: ID!, $action: OrderAction, $offeringId: ID, $planKey: String, $spaceId: ID, $instanceId: ID, $name: String, $parameters: JSON, $key: String!, $leaseEndsAt: DateTime) {
  submitOrder(tenantId: $tenantId, action: $action, offeringId: $offeringId, planKey: $planKey, spaceId: $spaceId, instanceId: $instanceId, name: $name, parameters: $parameters, idempotencyKey: $key, leaseEndsAt: $leaseEndsAt) {
    id status statusReason action instanceId spaceId planKey parameters quotaChange { cpuMillicores memoryMiB storageGiB spaces instances } attempt
  }
}`;

export const uniqueSlug = (prefix = 'i') => `${prefix}-${randomBytes(4).toString('hex')}`;

/** The id of a built-in offering by key (every caller sees `postgresql`). */
export async function offeringId(client: GraphqlClient, key: string): Promise<string> {
  const { allOfferings } = await client.data(`query($q: String) { allOfferings(filter: { q: $q }, perPage: 100) { id key } }`, { q: key });
  const found = allOfferings.find((offering: { key: string }) => offering.key === key);
  if (!found) throw new Error(`no offering ${key}`);
  return found.id;
}

/** A PostgreSQL offering every order of which waits for an operator (ALWAYS_OPERATOR); made by `operator`. */
export async function approvalOffering(operator: GraphqlClient): Promise<string> {
  const postgres = (await operator.data(`query($id: ID!) { Offering(id: $id) { parametersSchema } }`, { id: await offeringId(operator, 'postgresql') })).Offering;
  const { createOffering } = await operator.data(
    `mutation($key: String!, $schema: JSON!) { createOffering(key: $key, kind: PAAS, name: "Reviewed PostgreSQL", description: "Every order is reviewed.", template: "postgresql",
      plans: [{ key: "small", name: "Small", cpuMillicores: 500, memoryMiB: 1024, storageGiB: 10, pricePerHourTiyn: 900 }], parametersSchema: $schema,
      visibility: EVERYONE, approvalPolicy: ALWAYS_OPERATOR) { id } }`,
    { key: uniqueSlug('pg-reviewed'), schema: postgres.parametersSchema },
  );
  return createOffering.id;
}

/** A Redis offering (the built-in plans) every order of which waits for an operator (ALWAYS_OPERATOR); made by `operator`. */
export async function reviewedRedisOffering(operator: GraphqlClient, key: string): Promise<string> {
  const { createOffering } = await operator.data<{ createOffering: { id: string } }>(
    `mutation($key: String!, $plans: [OfferingPlanInput!]!, $schema: JSON!) {
      createOffering(key: $key, kind: PAAS, name: $key, description: "Redis that an operator approves", template: "redis", plans: $plans, parametersSchema: $schema, visibility: EVERYONE, approvalPolicy: ALWAYS_OPERATOR) { id }
    }`,
    { key, plans: redisOffering.plans, schema: redisOffering.parametersSchema },
  );
  return createOffering.id;
}

/** The id of a new space of `tenantId` (2 CPU, 4 GiB, 20 GiB unless told) once the worker has made it ACTIVE. */
export async function activeSpace(
  client: GraphqlClient,
  tenantId: string,
  slug: string,
  timeoutMs = 90_000,
  size: { cpuMillicores: number; memoryMiB: number; storageGiB: number } = { cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 20 },
): Promise<string> {
  const { createSpace } = await client.data<{ createSpace: { id: string } }>(
    'mutation($tenantId: ID!, $slug: String!, $cpu: Int!, $memory: Int!, $storage: Int!) { createSpace(tenantId: $tenantId, name: $slug, slug: $slug, cpuMillicores: $cpu, memoryMiB: $memory, storageGiB: $storage) { id } }',
    { tenantId, slug, cpu: size.cpuMillicores, memory: size.memoryMiB, storage: size.storageGiB },
  );
  await eventually(
    async () => ((await client.data<{ Space: { status: string } }>('query($id: ID!) { Space(id: $id) { status } }', { id: createSpace.id })).Space.status === 'ACTIVE' ? true : undefined),
    `space ${slug} to become ACTIVE`,
    timeoutMs,
  );
  return createSpace.id;
}

const ORDER = `query($id: ID!) { Order(id: $id) { id status statusReason attempt events { fromStatus toStatus actorKind reason } } }`;

/**
 * Waits until the order reaches `status` (COMPLETED unless told) and returns it as read then;
 * fails at once, with the order's reason, when it settles the other way.
 */
export async function orderSettles(client: GraphqlClient, id: string, status: 'COMPLETED' | 'FAILED' = 'COMPLETED', timeoutMs = 30_000, intervalMs = 50): Promise<Record<string, any>> {
  let last: Record<string, any> | undefined;
  const settled = eventually(
    async () => {
      last = (await client.data(ORDER, { id })).Order;
      if (last!.status === (status === 'COMPLETED' ? 'FAILED' : 'COMPLETED')) throw new Error(`order ${id} became ${last!.status}: ${last!.statusReason}`);
      return last!.status === status ? last : undefined;
    },
    `order ${id} to become ${status}`,
    timeoutMs,
    intervalMs,
  );
  // What the order was when time ran out is known only then, not when the wait begins.
  return settled.catch((error: Error) => {
    throw error.message.startsWith('Timed out') ? new Error(`${error.message} (last seen ${JSON.stringify(last)})`) : error;
  });
}
