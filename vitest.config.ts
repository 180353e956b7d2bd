import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/sim/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/docs/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/bench/**', 'node_modules/**', 'dist/**'],
    testTimeout: 60_000,
  },
});
