import { defineConfig } from 'vitest/config';

// One runner for all tiers: unit tests beside the code (*.test.ts), integration tests over real
// HTTP and a real database (*.int.test.ts), and browser tests (test/e2e/*.e2e.test.ts).
// TEST_DATABASE_URL switches the database from PGlite to a PostgreSQL server.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
