import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Vendor code is split by library so a console change does not invalidate the big, rarely changing chunks.
const vendorChunks: Array<[chunk: string, packages: string[]]> = [
  ['react', ['react', 'react-dom', 'scheduler', 'react-router', 'react-router-dom']],
  ['mui', ['@mui', '@emotion']],
  ['graphql', ['@apollo', 'graphql', 'graphql-tag', 'graphql-ws', 'ra-data-graphql', 'ra-data-graphql-simple', 'graphql-ast-types-browser']],
  ['react-admin', ['react-admin', 'ra-core', 'ra-ui-materialui', 'ra-i18n-polyglot', 'ra-language-english', 'ra-language-russian', '@tanstack', 'react-hook-form', 'lodash', 'node-polyglot']],
];

const chunkFor = (id: string): string | undefined => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id.split('\\').join('/'));
  if (!match) return undefined;
  const name = match[1];
  for (const [chunk, packages] of vendorChunks) {
    if (packages.some((pkg) => name === pkg || (!pkg.includes('/') && pkg.startsWith('@') && name.startsWith(`${pkg}/`)))) {
      return chunk;
    }
  }
  return 'vendor';
};

// GraphQL (with its WebSocket for subscriptions), the audit export and the single sign-on routes live on the API.
const apiProxy = Object.fromEntries(['/graphql', '/audit', '/auth'].map((path) => [path, { target: 'http://127.0.0.1:3000', changeOrigin: true, ws: path === '/graphql' }]));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  // Apollo Client 3 keeps its development checks and warnings unless told it is a production build.
  define: { 'globalThis.__DEV__': JSON.stringify(false) },
  resolve: {
    alias: { '@nprod/domain': here('../../libs/domain/src/index.ts') },
  },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: { manualChunks: chunkFor },
    },
  },
  server: {
    port: 5173,
    proxy: apiProxy,
  },
  preview: {
    proxy: apiProxy,
  },
});
