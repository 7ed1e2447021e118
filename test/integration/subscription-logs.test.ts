import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { freePort } from '@nprod/testing';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD } from '../support/api-harness';
import { startApiStack, stopApiStack, type ApiStack } from '../support/api-stack';
import { GraphqlClient } from '../support/graphql-client';
import { eventually } from '../support/platform-harness';

/**
 * A subscriber that disconnects and a subscription the API refuses are everyday events: the
 * built API, run as production runs it, logs them below error level (Mercurius logs both as errors).
 */
const ENTRY = 'dist/apps/api/src/main.js';
const ORDER_UPDATED = 'subscription($tenantId: ID, $orderId: ID) { orderUpdated(tenantId: $tenantId, orderId: $orderId) { id } }';

let stack: ApiStack;
let api: ChildProcess;
let output = '';
let url: string;
let operator: GraphqlClient;

interface LogLine {
  level: number;
  msg?: string;
  errors?: Array<{ code: string }>;
}

const logLines = (): LogLine[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

function wsClient(): Client {
  return createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${operator.accessToken}` }, retryAttempts: 0, lazy: true });
}

beforeAll(async () => {
  expect(existsSync(ENTRY), `${ENTRY} is missing: run node scripts/build.mjs first (npm test does)`).toBe(true);
  stack = await startApiStack();
  const port = await freePort();
  api = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH, DATABASE_URL: stack.database.url, JWT_SECRET: 'subscription-log-test-secret-0123456789abcdef', PORT: String(port), LOG_LEVEL: 'debug', NODE_ENV: 'production', CONSOLE_DIR: '/nonexistent' },
  });
  api.stdout?.on('data', (chunk) => (output += chunk));
  api.stderr?.on('data', (chunk) => (output += chunk));
  url = `http://127.0.0.1:${port}`;
  await eventually(async () => ((await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) || api.exitCode !== null ? true : undefined), 'the API to start');
  expect(api.exitCode, output).toBeNull();
  operator = new GraphqlClient(url);
  await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
});

afterAll(async () => {
  api?.kill('SIGTERM');
  await stopApiStack(stack ?? {});
});

describe('subscription logs', () => {
  it('log a disconnecting subscriber at debug level and a refused subscription at info level, neither as an error', async () => {
    const tenantId = (await operator.data<{ allTenants: Array<{ id: string }> }>('{ allTenants(perPage: 1) { id } }')).allTenants[0].id;
    const following = wsClient();
    let deliveries = 0;
    following.subscribe({ query: ORDER_UPDATED, variables: { tenantId } }, { next: () => void deliveries++, error: () => undefined, complete: () => undefined });
    // A notice as the orders trigger sends it, until one arrives: then the subscription is running on the server.
    await eventually(async () => {
      await stack.db.query('SELECT pg_notify($1, $2)', ['order_updated', JSON.stringify({ orderId: randomUUID(), tenantId, status: 'SUBMITTED' })]);
      return deliveries > 0 ? true : undefined;
    }, 'a notice to reach the subscriber');
    await following.dispose();

    const refused = wsClient();
    const refusal = await new Promise<unknown>((resolve) =>
      refused.subscribe({ query: ORDER_UPDATED, variables: { orderId: randomUUID() } }, { next: resolve, error: resolve, complete: () => undefined }),
    );
    expect(JSON.stringify(refusal)).toContain('NOT_FOUND');
    await refused.dispose();

    // Mercurius' own lines would be an AbortError "subscription queue error (suppressed)" and the refusal's errors, both at error level.
    const closed = await eventually(
      async () => logLines().find((line) => line.msg === 'subscription closed: the subscriber disconnected' || (line.level >= 50 && JSON.stringify(line).includes('AbortError'))),
      'the disconnect in the log',
    );
    expect(closed).toMatchObject({ level: 20, msg: 'subscription closed: the subscriber disconnected' });
    const refusedLine = await eventually(
      async () => logLines().find((line) => line.msg === 'subscription refused' || (line.level >= 50 && JSON.stringify(line).includes('NOT_FOUND'))),
      'the refusal in the log',
    );
    expect(refusedLine).toMatchObject({ level: 30, msg: 'subscription refused', errors: [{ code: 'NOT_FOUND' }] });
    expect(logLines().filter((line) => line.level >= 50)).toEqual([]);
  });
});
