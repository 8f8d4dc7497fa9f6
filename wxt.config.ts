import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Separate output folders let several builds (e.g. tests and benchmarks) run side by side.
  outDir: process.env.SPARK_GUARD_OUT ?? '.output',
  // Explicit imports only: a file's dependencies stay visible at its top.
  imports: false,
  manifest: ({ mode }) => ({
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
  }),
});
