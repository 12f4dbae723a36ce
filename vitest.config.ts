import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // Opening duckdb-wasm in a beforeAll takes seconds, many more on a loaded machine: 10 s (the default) is too short.
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A poll waits for what the analyst waits for (a view drawn, a count shown). Vitest's 1 s default failed
          // under CI-like load (load average 14: ?renderer=canvas's map took longer to draw its points), so give
          // the app the time a user would; a poll that never passes still fails.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
