/**
 * Playwright config of the browser profiles in bench/profile (`*.profile.ts`): run one by hand, e.g.
 * `npx playwright test -c bench/profile/playwright.profile.config.ts cold-start`. Not part of
 * `npm run bench` or `npm test`: they compare builds and take minutes.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../e2e/support/chromium-args';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.profile.ts',
  timeout: 60 * 60_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { browserName: 'chromium', launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS } },
});
