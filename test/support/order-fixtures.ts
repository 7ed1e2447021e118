import { randomBytes } from 'node:crypto';
import type { GraphqlClient } from './graphql-client';

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
