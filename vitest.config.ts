import { defineConfig } from 'vitest/config';
import { ortDistAlias } from './vite.config';

export default defineConfig({
  resolve: { alias: ortDistAlias },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/**/*.unit.test.ts', 'bench/**/*.unit.test.ts'],
    environment: 'node',
    // V8 would recompile ORT's 26 MB WebAssembly binary with its optimising
    // tier in the background, slowing everything else in the test process
    // tenfold on 2 cores; the baseline tier runs the tiny fixtures just as well.
    execArgv: ['--liftoff-only'],
    testTimeout: 30_000,
  },
});
