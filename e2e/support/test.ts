/**
 * Playwright fixtures: each test worker serves the e2e build (made by
 * `npm run build:e2e` under BASE_PATH) from its own local server, and every
 * test collects console errors so that specs can assert a clean run.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startFakeHub, type FakeHub } from '../servers/fake-hub';
import { startStaticServer, type RunningServer } from '../servers/static-server';

export const BASE_PATH = '/multimodal-playground/';
export const BUILD_DIR = 'dist-e2e';

export const FIXTURE_MODELS = 'e2e/fixtures/models';

interface WorkerFixtures {
  appServer: RunningServer;
  hubServer: FakeHub;
}

interface TestFixtures {
  consoleErrors: string[];
  /** The fake hub, with faults cleared and its request log emptied for this test. */
  hub: FakeHub;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  appServer: [
    async ({}, use) => {
      const server = await startStaticServer({ root: BUILD_DIR, basePath: BASE_PATH, isolationHeaders: true });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  hubServer: [
    async ({}, use) => {
      const hub = await startFakeHub(FIXTURE_MODELS);
      await use(hub);
      await hub.close();
    },
    { scope: 'worker' },
  ],
  hub: async ({ hubServer }, use) => {
    hubServer.clearFaults();
    hubServer.resetLog();
    await use(hubServer);
    hubServer.clearFaults();
  },
  baseURL: async ({ appServer }, use) => {
    await use(appServer.url);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await use(errors);
  },
});

export { expect };

/** Opens the app and waits until the worker has answered the capability probe. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByRole('status', { name: /^Backend: (WebGPU|WASM)/ })).toBeVisible();
}
