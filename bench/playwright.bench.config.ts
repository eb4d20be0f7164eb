/**
 * Playwright config of the benchmark (`npm run bench`, via bench/run.mjs): one worker, tests in
 * order, system Chromium. Separate from playwright.config.ts so `npm run test:e2e` never runs it.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/support/chromium-args';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.bench.ts',
  timeout: 45 * 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { browserName: 'chromium', launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS } },
});
