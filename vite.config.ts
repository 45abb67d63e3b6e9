import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer is built once and served from two places: the Electron window (file://) and the
 * headless host (http). `base: './'` keeps every asset URL relative so both work unchanged.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}build/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    // Fonts come from the system (Vazirmatn / Noto); nothing is fetched at run time.
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate files cache better in Electron/LAN.
        manualChunks: { react: ['react', 'react-dom'], charts: ['chart.js'], zod: ['zod'] },
      },
    },
  },
  server: {
    // `vite` in dev proxies the API to a running `floorwatch serve` (default port 4780).
    proxy: {
      '/api': 'http://127.0.0.1:4780',
      '/events': { target: 'http://127.0.0.1:4780', changeOrigin: true },
    },
  },
});
