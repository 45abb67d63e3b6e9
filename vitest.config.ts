import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'renderer/src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    // better-sqlite3 is a native module: forks keep each test file in its own process.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
