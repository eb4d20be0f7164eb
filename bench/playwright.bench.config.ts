/**
 * Playwright config of the benchmark (`npm run bench`, via bench/run.mjs): one worker, tests in
 * order, system Chromium. Separate from playwright.config.ts so `npm run test:e2e` never runs it.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/support/chromium-args';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.bench.ts',
  // The WASM part (q8 and fp32, 1 and 2 threads, AMD EPYC 2 cores) ran 45 min on a quiet machine since the
  // batch, attention-map and retrieval rows were added (2026-11-30), and hit the old 45 min limit.
  timeout: 120 * 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { browserName: 'chromium', launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS } },
});
