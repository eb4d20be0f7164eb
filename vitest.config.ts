import { defineConfig } from 'vitest/config';
import { ortDistAlias } from './vite.config';

export default defineConfig({
  resolve: { alias: ortDistAlias },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/**/*.unit.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
