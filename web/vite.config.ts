// Builds the web app into web/dist, which the server serves with an SPA fallback (src/app.ts).
// `npm run build:web` runs this; in development `npx vite --config web/vite.config.ts` serves the
// app with hot reload and forwards /api to the server on localhost:3000.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webDir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      // Lets the Sass theme point nhsuk-frontend's icon URLs at files Vite can bundle (see theme.scss).
      '@nhsuk-images': path.resolve(webDir, '../node_modules/nhsuk-frontend/dist/nhsuk/assets/images'),
    },
  },
  css: {
    preprocessorOptions: {
      scss: {
        // nhsuk-frontend still uses a few deprecated Sass features; their warnings are noise here.
        quietDeps: true,
        silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'if-function'],
      },
    },
  },
  build: {
    outDir: path.resolve(webDir, 'dist'),
    emptyOutDir: true,
    // The server's CSP allows images from 'self' and data: only; small icons become data: URLs.
    assetsInlineLimit: 4096,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
