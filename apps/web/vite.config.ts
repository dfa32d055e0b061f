import react from '@vitejs/plugin-react';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  // The workspace packages from their TypeScript sources (as every workspace's tests read
  // them): the page runs, builds and tests without building @taskoverflow/contracts first.
  resolve: { conditions: ['@taskoverflow/source', ...defaultClientConditions] },
  server: {
    // The API builds absolute URLs (task_url, result_url) from the Host header,
    // so keep the browser's host: links then come back through this proxy.
    // API_PROXY_TARGET: where the API runs (docker compose: http://api:3000).
    proxy: {
      '/api': {
        target: process.env.API_PROXY_TARGET ?? 'http://localhost:3000',
        changeOrigin: false,
      },
    },
  },
  build: {
    outDir: 'dist',
    // The polyfill is for browsers without <link rel="modulepreload"> (before 2023); for them
    // preloading is only a speed-up, and it cost the first load 0.2 kB.
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/junit.xml' },
  },
});
