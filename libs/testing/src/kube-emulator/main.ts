/**
 * Starts the Kubernetes API emulator for local development and prints its URL. Node 20 cannot run
 * TypeScript directly, so bundle it first (esbuild ships with vite):
 *   npx esbuild libs/testing/src/kube-emulator/main.ts --bundle --platform=node --outfile=dist/kube-emulator.cjs
 *   node dist/kube-emulator.cjs --port 6443 --kubeconfig /tmp/nprod.kubeconfig --persist /tmp/nprod-kube.json
 */
import { parseArgs } from 'node:util';
import { KubeEmulator } from './kube-emulator';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '6443' },
      host: { type: 'string', default: '127.0.0.1' },
      kubeconfig: { type: 'string' },
      persist: { type: 'string' },
      'readiness-delay-ms': { type: 'string', default: '50' },
    },
  });
  const emulator = await KubeEmulator.start({
    port: Number(values.port),
    host: values.host,
    persistFile: values.persist,
    readinessDelayMs: Number(values['readiness-delay-ms']),
  });
  if (values.kubeconfig) emulator.writeKubeconfig(values.kubeconfig);
  process.stdout.write(`Kubernetes API emulator listening on ${emulator.url}\n`);
  if (values.kubeconfig) process.stdout.write(`kubeconfig written to ${values.kubeconfig}\n`);
  const shutdown = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
