import { defineConfig } from 'wxt';

// Ads Manager hosts the overlay runs on. ads.us.tiktok.com is listed because some regions are reported
// to use it; keeping both here means a wrong guess costs one line.
export const ADS_MANAGER_MATCHES = ['https://ads.tiktok.com/*', 'https://ads.us.tiktok.com/*'];

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
    // storage: settings; alarms: reminders; notifications: reminder pop-ups. IndexedDB needs no permission.
    permissions: ['storage', 'alarms', 'notifications'],
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
