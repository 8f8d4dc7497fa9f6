import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Separate output folders let several builds (e.g. tests and benchmarks) run side by side.
  outDir: process.env.SPARK_GUARD_OUT ?? '.output',
  // Explicit imports only: a file's dependencies stay visible at its top.
  imports: false,
  // Manifest V3 for Firefox too (Firefox 140 and later), so both browsers run the same code: the same
  // `action` API, the same content security policy.
  manifestVersion: 3,
  manifest: ({ browser, mode }) => ({
    name: 'Spark Guard',
    description:
      'Tracks every TikTok Spark Ads authorization code, reminds you before it expires, and checks Spark Ads previews in Ads Manager.',
    // alarms: the next-due reminder; notifications: reminder pop-ups. Codes and settings live in the
    // extension's IndexedDB, which needs no permission. Host access: only the content script's matches.
    permissions: ['alarms', 'notifications'],
    action: { default_title: 'Spark Guard' },
    // Nothing leaves the machine: extension pages may not open any connection. Dev mode needs its
    // reload socket, so the lock applies to real builds.
    ...(mode === 'production'
      ? {
          content_security_policy: {
            extension_pages: "script-src 'self'; object-src 'self'; connect-src 'none'",
          },
        }
      : {}),
    // Firefox needs an id of its own for a Manifest V3 add-on, and asks what data it collects: none.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: '{0eaa7f6d-151b-4b8f-8646-ea1ae673ce88}',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads the data collection key from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
