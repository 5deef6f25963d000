/**
 * Builds the web console into dist/web, which the server's web plugin serves at `/`.
 * No inline script or style ends up in index.html, so the page runs under a CSP without
 * 'unsafe-inline' (docs/guides/web-console.md).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The module preload polyfill is an inline-free chunk, but modern browsers need none.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
});
