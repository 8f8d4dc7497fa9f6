import { defineConfig } from '@playwright/test';

// The extension is built once, by globalSetup, into its own folder (SPARK_GUARD_OUT, default .output-e2e).
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  // Each test launches its own browser; two at a time suits small machines.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
});
