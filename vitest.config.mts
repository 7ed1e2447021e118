import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const lib = (name: string) => fileURLToPath(new URL(`./libs/${name}/src/index.ts`, import.meta.url));
const alias: Record<string, string> = Object.fromEntries(
  ['domain', 'config', 'database', 'jobs', 'kube', 'testing', 'catalogue', 'mail'].map((name) => [`@nprod/${name}`, lib(name)]),
);
// SWC instead of esbuild: Nest's dependency injection needs emitted decorator metadata.
// One graphql instance: Nest and Mercurius require() its CommonJS build, so our code must too.
alias.graphql = fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url));
const plugins = [swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2023', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } } })];

const project = (name: string, include: string[], extra: Record<string, unknown> = {}) => ({
  plugins,
  resolve: { alias },
  test: { name, include, environment: 'node', ...extra },
});

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default'] : ['default'],
    projects: [
      project('unit', ['libs/**/*.spec.ts', 'apps/api/src/**/*.spec.ts', 'apps/worker/src/**/*.spec.ts', 'apps/console/src/**/*.spec.ts']),
      project('integration', ['libs/**/*.int-spec.ts', 'apps/**/*.int-spec.ts', 'test/integration/**/*.test.ts'], { testTimeout: 60_000, hookTimeout: 120_000 }),
      project('e2e', ['test/e2e/**/*.test.ts', 'test/emulated/**/*.test.ts'], { testTimeout: 120_000, hookTimeout: 180_000 }),
      project('browser', ['test/browser/**/*.test.ts'], { testTimeout: 120_000, hookTimeout: 240_000, fileParallelism: false }),
    ],
  },
});
