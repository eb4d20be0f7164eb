import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, SWIFTSHADER_WEBGPU_ARGS } from './e2e/support/chromium-args';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 90_000,
  // Model loads compete for 2 cores with a parallel test's WASM compile; give them room.
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['line']] : [['list']],
  use: {
    // Traces help locally; in CI they only add disk churn.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'wasm',
      grepInvert: /@webgpu/,
      use: { browserName: 'chromium', launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS } },
    },
    {
      name: 'webgpu',
      grep: /@webgpu/,
      // SwiftShader takes every core it can get; running after the WASM tests keeps their timings sane.
      dependencies: ['wasm'],
      // SwiftShader runs WebGPU on the CPU: correct, but many times slower.
      timeout: 300_000,
      expect: { timeout: 120_000 },
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS, ...SWIFTSHADER_WEBGPU_ARGS] },
      },
    },
  ],
});
