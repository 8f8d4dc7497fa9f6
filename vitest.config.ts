import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['{lib,entrypoints,components}/**/*.test.{ts,tsx}'],
    // fake-indexeddb gives Dexie an in-memory IndexedDB; the browser stub comes after WxtVitest's own.
    setupFiles: ['fake-indexeddb/auto', './test/unit-setup.ts'],
    environment: 'node',
    // A fixed zone with daylight saving, so expiry tests cross a real DST change.
    env: { TZ: 'America/New_York' },
  },
});
