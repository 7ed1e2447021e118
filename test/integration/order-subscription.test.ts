import { randomUUID } from 'node:crypto';
import { OrderEntity, OrderEventActor, createDataSource, recordOrderCreated, transitionOrder } from '@nprod/database';
import { OrderAction, OrderStatus, OrderTarget } from '@nprod/domain';
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { TEST_PASSWORD } from '../support/api-harness';
import type { GraphqlClient } from '../support/graphql-client';
import { SUBMIT_ORDER, offeringId, uniqueSlug } from '../support/order-fixtures';
import { eventually, startPlatform, type Platform } from '../support/platform-harness';
import { createTenancy, type Tenancy } from '../support/tenancy-fixture';

/**
 * `orderUpdated` over a real WebSocket (graphql-ws, as the console uses it) while the in-process
 * worker provisions against the Kubernetes emulator: PostgreSQL NOTIFY -> API -> subscriber.
 */
let platform: Platform;
let db: DataSource;
let t: Tenancy;
let otherOwner: GraphqlClient;
let spaceId: string;
const sockets: Client[] = [];

const ORDER_UPDATED = `subscription($tenantId: ID, $orderId: ID) {
  orderUpdated(tenantId: $tenantId, orderId: $orderId) { id tenantId target status events { toStatus } }
}`;

interface Delivery {
  id: string;
  tenantId: string;
  target: string;
  status: string;
  events: Array<{ toStatus: string }>;
}

/** A graphql-ws client that never retries, so a refusal surfaces as the close the server sent. */
function wsClient(token: string | undefined): Client {
  const client = createClient({
    url: `${platform.api.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  sockets.push(client);
  return client;
}

/** Subscribes and collects what arrives; `errors` gets both GraphQL errors and socket closes. */
function collect(client: Client, variables: Record<string, unknown> = {}) {
  const received: Delivery[] = [];
  const errors: unknown[] = [];
  let acknowledged = false;
  client.on('connected', () => (acknowledged = true));
  client.subscribe<{ orderUpdated: Delivery }>(
    { query: ORDER_UPDATED, variables },
    {
      next: (result: ExecutionResult<{ orderUpdated: Delivery }>) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) received.push(result.data.orderUpdated);
      },
      // A refused subscription errors with the GraphQL errors; a refused connection with the close event.
      error: (error) => errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => undefined,
    },
  );
  return { received, errors, acknowledged: () => acknowledged };
}

beforeAll(async () => {
  platform = await startPlatform({ KUBE_CLUSTER_REGIONS: 'almaty', PROVISION_TIMEOUT_SECONDS: '10' });
  db = await createDataSource({ url: platform.database.url, poolSize: 2 }).initialize();
  t = await createTenancy(db, () => platform.api.client());
  otherOwner = platform.api.client();
  await otherOwner.login(t.emails.otherOwner, TEST_PASSWORD);
  const { createSpace } = await t.clients.owner.data(
    `mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Live", slug: "live", cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 100) { id } }`,
    { tenantId: t.own.id },
  );
  spaceId = createSpace.id;
  await eventually(async () => ((await t.clients.owner.data(`query($id: ID!) { Space(id: $id) { status } }`, { id: spaceId })).Space.status === 'ACTIVE' ? true : undefined), 'the space to become ACTIVE');
});

const closeSockets = () => Promise.all(sockets.splice(0).map((client) => client.dispose()));

// Live subscriptions re-read orders as changes arrive: close them so each test counts only its own work.
afterEach(closeSockets);

afterAll(async () => {
  await db?.destroy();
  await platform?.stop();
});

describe('orderUpdated', () => {
  it('delivers the whole order at each step from SUBMITTED to COMPLETED as the worker provisions it, and nothing of it to another tenant', async () => {
    // The other tenant has an order of its own, so its subscriber can show it is live (the positive control).
    const { createSpace } = await otherOwner.data(
      `mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Theirs", slug: "theirs", cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 10) { id } }`,
      { tenantId: t.other.id },
    );
    await eventually(async () => ((await otherOwner.data(`query($id: ID!) { Space(id: $id) { status } }`, { id: createSpace.id })).Space.status === 'ACTIVE' ? true : undefined), 'their space');
    const owner = wsClient(t.clients.owner.accessToken);
    const mine = collect(owner, { tenantId: t.own.id });
    const theirs = collect(wsClient(otherOwner.accessToken));
    const everything = collect(wsClient(t.clients.auditor.accessToken));
    // Changes to the existing orders, until every subscriber has heard of one, prove each subscription
    // is registered before the order under test is submitted.
    const touchAll = () => db.query('UPDATE orders SET updated_at = now() WHERE tenant_id = ANY($1::uuid[])', [[t.own.id, t.other.id]]);
    const heardOfTouch = () => mine.received.length > 0 && theirs.received.length > 0 && everything.received.length > 0;
    await eventually(async () => {
      if (heardOfTouch()) return true;
      await touchAll();
      return undefined;
    }, 'every subscriber to hear of a touched order');

    const { submitOrder } = await t.clients.owner.data(SUBMIT_ORDER, {
      tenantId: t.own.id,
      offeringId: await offeringId(t.clients.owner, 'postgresql'),
      planKey: 'small',
      spaceId,
      name: uniqueSlug('live'),
      key: randomUUID(),
    });
    const final = await eventually(async () => mine.received.find((order) => order.id === submitOrder.id && order.status === 'COMPLETED'), 'a COMPLETED delivery', 30_000);
    expect(final.events.map((event) => event.toStatus)).toEqual(['SUBMITTED', 'APPROVED', 'PROVISIONING', 'COMPLETED']);
    const statuses = mine.received.filter((order) => order.id === submitOrder.id).map((order) => order.status);
    // Each delivery is the order as it is when re-read, so statuses only move forward, ending at COMPLETED.
    const lifecycle = ['SUBMITTED', 'APPROVED', 'PROVISIONING', 'COMPLETED'];
    expect(statuses.map((status) => lifecycle.indexOf(status))).toEqual([...statuses.map((status) => lifecycle.indexOf(status))].sort((a, b) => a - b));
    expect(statuses).toContain('PROVISIONING');
    expect(mine.errors).toEqual([]);

    // Notices reach each subscriber in order: once the other tenant hears of a later touch of its own
    // order, it has already been offered (and refused) every notice of the order under test.
    const heardBefore = theirs.received.length;
    await touchAll();
    await eventually(async () => (theirs.received.length > heardBefore ? true : undefined), 'the other tenant to hear of its own order again');
    expect(theirs.received.map((order) => order.id)).not.toContain(submitOrder.id);
    expect(theirs.received.every((order) => order.tenantId === t.other.id)).toBe(true);
    expect(theirs.errors).toEqual([]);
    // The owner filtered to their tenant does not get the other tenant's order either; an auditor gets both.
    expect(mine.received.every((order) => order.tenantId === t.own.id)).toBe(true);
    await eventually(async () => (everything.received.some((order) => order.id === submitOrder.id && order.status === 'COMPLETED') ? true : undefined), 'the order under test to reach the auditor');
    expect(everything.received.some((order) => order.tenantId === t.other.id)).toBe(true);
  });

  it('keeps delivering after the API loses its LISTEN connection: it reconnects', async () => {
    const mine = collect(wsClient(t.clients.owner.accessToken), { tenantId: t.own.id });
    const touch = () => db.query('UPDATE orders SET updated_at = now() WHERE tenant_id = $1', [t.own.id]);
    const heardAfter = async (count: number, what: string) =>
      eventually(async () => {
        if (mine.received.length > count) return true;
        await touch();
        return undefined;
      }, what);
    await heardAfter(0, 'the subscriber to hear of a touched order');
    const cut = await db.query(`SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name = 'nprod-api-order-updates'`);
    expect(cut).toEqual([{ cut: true }]);
    const heard = mine.received.length;
    await heardAfter(heard, 'a change after the LISTEN connection came back');
    expect(mine.errors).toEqual([]);
  });

  it("answers another tenant's order id exactly like a missing one", async () => {
    const { allOrders } = await t.clients.owner.data(`query($tenantId: ID) { allOrders(filter: { tenantId: $tenantId }, perPage: 1) { id } }`, { tenantId: t.own.id });
    const theirs = collect(wsClient(otherOwner.accessToken), { orderId: allOrders[0].id });
    const missing = collect(wsClient(otherOwner.accessToken), { orderId: randomUUID() });
    const foreignTenant = collect(wsClient(otherOwner.accessToken), { tenantId: t.own.id });
    await eventually(async () => (theirs.errors.length && missing.errors.length && foreignTenant.errors.length ? true : undefined), 'the three subscriptions to be refused');
    expect(theirs.errors).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    expect(missing.errors).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    expect((theirs.errors[0] as Error).message.replace(allOrders[0].id, 'ID')).toBe((missing.errors[0] as Error).message.replace(/[0-9a-f-]{36}/, 'ID'));
    expect(foreignTenant.errors).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
  });

  it('refuses a connection without a token, or with a bad one, with 4401 and what to do', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const refused = collect(wsClient(token));
      const closed = await eventually(async () => refused.errors.find((error) => (error as { code?: number }).code !== undefined) as { code: number; reason: string } | undefined, 'the refusal');
      expect(closed.code).toBe(4401);
      expect(closed.reason).toMatch(token ? /sign in again/ : /connectionParams \{ authorization: "Bearer/);
      expect(refused.acknowledged()).toBe(false);
      expect(refused.received).toEqual([]);
    }
  });

  it('validates a subscription like a query: an unknown field is refused', async () => {
    const client = wsClient(t.clients.owner.accessToken);
    const errors: unknown[] = [];
    client.subscribe({ query: 'subscription { orderUpdated { id notAField } }' }, { next: (result) => errors.push(...(result.errors ?? [])), error: (error) => errors.push(error), complete: () => undefined });
    const [error] = await eventually(async () => (errors.length ? errors : undefined), 'the refusal');
    expect(error).toMatchObject([{ message: 'Cannot query field "notAField" on type "Order".' }]);
  });
});

describe('allOrders with events', () => {
  it('reads the events of a whole page in a fixed number of queries, not one per order', async () => {
    const apiDb = platform.api.app.get(DataSource);
    const count = async (query: string) => {
      const spy = vi.spyOn(apiDb.logger, 'logQuery');
      try {
        const { allOrders } = await t.clients.operator.data(query);
        return { queries: spy.mock.calls.length, orders: allOrders.length };
      } finally {
        spy.mockRestore();
      }
    };
    // A page of orders by different people, each with its own events.
    const actors = [t.userIds.owner, t.userIds.admin, t.userIds.member];
    await db.transaction(async (manager) => {
      for (let i = 0; i < 24; i++) {
        const order = await manager.getRepository(OrderEntity).save({ tenantId: t.own.id, action: OrderAction.Create, target: OrderTarget.Space, status: OrderStatus.Submitted, request: {} });
        await recordOrderCreated(manager, order, { kind: OrderEventActor.User, id: actors[i % actors.length] });
        await transitionOrder(manager, order, OrderStatus.Cancelled, { kind: OrderEventActor.User, id: actors[(i + 1) % actors.length] }, 'Not needed.');
      }
    });
    const without = await count(`{ allOrders(perPage: 50) { id status } }`);
    const withEvents = await count(`{ allOrders(perPage: 50) { id status events { toStatus actorEmail } } }`);
    console.info(`allOrders of ${without.orders} orders: ${without.queries} queries without events, ${withEvents.queries} with`);
    expect(without.orders).toBeGreaterThanOrEqual(24);
    // One query for the events of every order on the page, one for their actors' emails.
    expect(withEvents.queries - without.queries).toBe(2);
  });
});
