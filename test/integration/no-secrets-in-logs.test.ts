import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '@nprod/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD } from '../support/api-harness';
import { startApiStack, stopApiStack, type ApiStack } from '../support/api-stack';
import { GraphqlClient } from '../support/graphql-client';

const ENTRY = 'dist/apps/api/src/main.js';
const JWT_SECRET = 'log-test-secret-log-test-secret-0123456789';

let stack: ApiStack;
let api: ChildProcess;
let output = '';
let client: GraphqlClient;

beforeAll(async () => {
  expect(existsSync(ENTRY), `${ENTRY} is missing: run node scripts/build.mjs first (npm test does)`).toBe(true);
  stack = await startApiStack();
  const port = await freePort();
  // The built API as production runs it, at its most talkative log level.
  api = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH, DATABASE_URL: stack.database.url, JWT_SECRET, PORT: String(port), LOG_LEVEL: 'trace', NODE_ENV: 'production', CONSOLE_DIR: '/nonexistent' },
  });
  api.stdout?.on('data', (chunk) => (output += chunk));
  api.stderr?.on('data', (chunk) => (output += chunk));
  client = new GraphqlClient(`http://127.0.0.1:${port}`);
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline || api.exitCode !== null) throw new Error(`the API did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterAll(async () => {
  api?.kill('SIGTERM');
  await stopApiStack(stack ?? {});
});

describe('logs', () => {
  it('never contain passwords, tokens or the signing secret, even at trace level', async () => {
    await client.request('mutation { login(login: "operator@nprod.local", password: "a-wrong-password-123") { accessToken } }');
    const session = await client.data<{ login: { accessToken: string; refreshToken: string } }>(
      'mutation($login: String!, $password: String!) { login(login: $login, password: $password) { accessToken refreshToken } }',
      { login: DEMO_OPERATOR_EMAIL, password: TEST_PASSWORD },
    );
    client.accessToken = session.login.accessToken;
    await client.data('mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', { t: session.login.refreshToken });
    await client.request('{ allTenants(sortField: "nope") { id } }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(output.length).toBeGreaterThan(0);
    for (const secret of [TEST_PASSWORD, 'a-wrong-password-123', session.login.accessToken, session.login.refreshToken, JWT_SECRET]) {
      expect(output).not.toContain(secret);
    }
  });
});
