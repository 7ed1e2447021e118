import { createServer, type Server } from 'node:http';

export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

/** The worker's only HTTP surface: `/healthz` (process up) and `/readyz` (every check passes). */
export async function startWorkerHealthServer(host: string, port: number, checks: ReadinessCheck[]): Promise<Server> {
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    if (path === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (path === '/readyz') {
      void Promise.all(checks.map(async ({ name, check }) => [name, await check().catch(() => false)] as const)).then((results) => {
        const ready = results.every(([, up]) => up);
        const body = { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results.map(([name, up]) => [name, up ? 'up' : 'down'])) };
        response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Not Found', message: 'The worker serves only /healthz and /readyz.' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
