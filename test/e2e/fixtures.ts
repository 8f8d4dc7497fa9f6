import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  expect,
  test as base,
  type BrowserContext,
  type Page,
  type Request,
  type Worker,
} from '@playwright/test';
import { chromiumPath, extensionArgs } from '../../scripts/chromium.mjs';
import { EXTENSION_DIR } from './paths';

/**
 * Launches real Chromium with the freshly built extension (see global-setup.ts) and gives specs the
 * handles they need: the service worker, the extension id, the popup, a guard that blocks and records
 * every request to the outside world, local Ads Manager pages, and ways to restart the service worker
 * or the whole browser on the same profile.
 */

/** Schemes that never leave the machine. */
const LOCAL_SCHEMES = new Set(['chrome-extension:', 'data:', 'blob:', 'about:', 'chrome:', 'devtools:']);

export interface OutsideRequest {
  url: string;
  /** The page (or worker) that made it, when known. */
  from: string;
}

export const ADS_MANAGER_HOSTS = ['https://ads.tiktok.com/**', 'https://ads.us.tiktok.com/**'];

/** A running browser with the extension loaded on a given profile. */
export interface ExtensionBrowser {
  context: BrowserContext;
  profileDir: string;
  extensionId: string;
  /** Every request to the outside world made so far; each was aborted. */
  outsideRequests: OutsideRequest[];
  /**
   * The extension's service worker, waiting for it to start the first time. Playwright keeps this
   * handle across worker stops; after `stopServiceWorker()`, wake the worker (an alarm, a message)
   * before evaluating on it.
   */
  serviceWorker(): Promise<Worker>;
  /** The popup page, opened as a tab. */
  openPopup(): Promise<Page>;
  /** Makes `url` (on an Ads Manager host) answer with `html`, with no network. */
  serveAdsManager(url: string, html: string): Promise<void>;
  /**
   * Stops the extension's service worker and waits until the browser no longer lists it. The next
   * event it listens to (an alarm, a message) starts it again; Playwright keeps the same `Worker`
   * handle, which works again once the worker runs.
   */
  stopServiceWorker(): Promise<void>;
  /** Whether the extension's service worker is running now, as the browser reports it. */
  serviceWorkerRunning(): Promise<boolean>;
  close(): Promise<void>;
}

function describeRequester(request: Request): string {
  try {
    return request.frame().url();
  } catch {
    // Requests from workers have no frame.
    return request.serviceWorker()?.url() ?? 'a worker';
  }
}

function isExtensionWorker(worker: Worker, extensionId?: string): boolean {
  const url = new URL(worker.url());
  return url.protocol === 'chrome-extension:' && (extensionId === undefined || url.host === extensionId);
}

/**
 * Launches Chromium on `profileDir` with the built extension. Call again with the same directory to
 * simulate a browser restart: the extension id and its stored data stay the same.
 */
export async function launch(profileDir: string, extensionDir: string = EXTENSION_DIR): Promise<ExtensionBrowser> {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}. Run the e2e tests with \`npm run test:e2e\`.`);
  }
  const context = await chromium.launchPersistentContext(profileDir, {
    // CHROMIUM_PATH, else a system Chromium; throws how to install one when there is none.
    executablePath: chromiumPath(),
    headless: true,
    // Loads only this extension (Playwright disables extensions unless told which to keep), quietly.
    args: extensionArgs(extensionDir),
  });

  const outsideRequests: OutsideRequest[] = [];
  // The guard: nothing reaches the internet, and every attempt is recorded for expectNoOutsideRequests.
  await context.route(
    (url) => !LOCAL_SCHEMES.has(url.protocol),
    async (route) => {
      outsideRequests.push({ url: route.request().url(), from: describeRequester(route.request()) });
      await route.abort('blockedbyclient');
    },
  );

  const firstWorker =
    context.serviceWorkers().find((w) => isExtensionWorker(w)) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => isExtensionWorker(w) }));
  const extensionId = new URL(firstWorker.url()).host;

  const adsPages = new Map<string, string>();
  let adsRouted = false;

  async function anyPage(): Promise<Page> {
    return context.pages()[0] ?? (await context.newPage());
  }

  /** The extension's service worker targets the browser knows of right now (none when it is stopped). */
  async function workerTargets(): Promise<string[]> {
    const cdp = await context.newCDPSession(await anyPage());
    try {
      const { targetInfos } = await cdp.send('Target.getTargets');
      return targetInfos
        .filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`))
        .map((t) => t.targetId);
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  const browser: ExtensionBrowser = {
    context,
    profileDir,
    extensionId,
    outsideRequests,

    async serviceWorker() {
      const running = context.serviceWorkers().find((w) => isExtensionWorker(w, extensionId));
      if (running) return running;
      return context.waitForEvent('serviceworker', { predicate: (w) => isExtensionWorker(w, extensionId) });
    },

    async openPopup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    },

    async serveAdsManager(url, html) {
      const key = new URL(url);
      key.hash = '';
      adsPages.set(key.href, html);
      if (adsRouted) return;
      adsRouted = true;
      for (const pattern of ADS_MANAGER_HOSTS) {
        // Registered after the guard, so it is asked first; what it does not serve falls back to the guard.
        await context.route(pattern, async (route) => {
          const requested = new URL(route.request().url());
          requested.hash = '';
          const body = adsPages.get(requested.href);
          if (body === undefined) return route.fallback();
          await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
        });
      }
    },

    async serviceWorkerRunning() {
      return (await workerTargets()).length > 0;
    },

    async stopServiceWorker() {
      const cdp = await context.newCDPSession(await anyPage());
      const script = `chrome-extension://${extensionId}/`;
      let state: { status: string; runningStatus: string } | undefined;
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        const ours = versions.filter((v) => v.scriptURL.startsWith(script));
        state = ours[ours.length - 1] ?? state;
      });
      try {
        await cdp.send('ServiceWorker.enable');
        // Same as "Stop" in chrome://serviceworker-internals (closing the worker's target does not stop
        // it). A worker still installing starts again right away, so stop it once it is activated.
        await expect
          .poll(
            async () => {
              if (state?.runningStatus === 'stopped') return !(await browser.serviceWorkerRunning());
              if (state?.status === 'activated' && state.runningStatus === 'running') {
                await cdp.send('ServiceWorker.stopAllWorkers');
              }
              return false;
            },
            { message: 'the extension service worker should have stopped', timeout: 10_000 },
          )
          .toBe(true);
      } finally {
        await cdp.detach().catch(() => undefined);
      }
    },

    async close() {
      await context.close();
    },
  };
  return browser;
}

/** A fresh, empty browser profile in the temp folder. */
export function freshProfileDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'spark-guard-e2e-'));
}

/**
 * The browser of one test. Survives a browser restart: after `restartBrowser()` its getters and
 * methods talk to the new browser (the `context` and `serviceWorker` fixtures are the first ones).
 */
export class ExtensionSession {
  constructor(
    private current: ExtensionBrowser,
    readonly profileDir: string,
  ) {}

  get context(): BrowserContext {
    return this.current.context;
  }
  get extensionId(): string {
    return this.current.extensionId;
  }
  get outsideRequests(): OutsideRequest[] {
    return this.current.outsideRequests;
  }
  serviceWorker(): Promise<Worker> {
    return this.current.serviceWorker();
  }
  openPopup(): Promise<Page> {
    return this.current.openPopup();
  }
  serveAdsManager(url: string, html: string): Promise<void> {
    return this.current.serveAdsManager(url, html);
  }
  stopServiceWorker(): Promise<void> {
    return this.current.stopServiceWorker();
  }
  serviceWorkerRunning(): Promise<boolean> {
    return this.current.serviceWorkerRunning();
  }
  async restartBrowser(): Promise<ExtensionBrowser> {
    const earlier = this.current.outsideRequests;
    await this.current.close();
    const next = await launch(this.profileDir);
    // One record of outside requests across restarts.
    next.outsideRequests.unshift(...earlier);
    this.current = next;
    return next;
  }
  close(): Promise<void> {
    return this.current.close();
  }
}

interface Fixtures {
  /** The profile of this test's browser, fresh and empty; deleted afterwards. */
  profileDir: string;
  extension: ExtensionSession;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  openPopup: () => Promise<Page>;
  serveAdsManager: (url: string, html: string) => Promise<void>;
  stopServiceWorker: () => Promise<void>;
  /** Closes the browser and opens it again on the same profile. */
  restartBrowser: () => Promise<ExtensionBrowser>;
  /** Fails when anything tried to reach the outside world. `ignore` leaves out requests a test expects. */
  expectNoOutsideRequests: (ignore?: (request: OutsideRequest) => boolean) => void;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  profileDir: async ({}, use) => {
    const dir = freshProfileDir();
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },

  extension: async ({ profileDir }, use) => {
    const session = new ExtensionSession(await launch(profileDir), profileDir);
    await use(session);
    await session.close();
  },

  context: async ({ extension }, use) => use(extension.context),
  serviceWorker: async ({ extension }, use) => use(await extension.serviceWorker()),
  extensionId: async ({ extension }, use) => use(extension.extensionId),
  openPopup: async ({ extension }, use) => use(() => extension.openPopup()),
  serveAdsManager: async ({ extension }, use) => use((url, html) => extension.serveAdsManager(url, html)),
  stopServiceWorker: async ({ extension }, use) => use(() => extension.stopServiceWorker()),
  restartBrowser: async ({ extension }, use) => use(() => extension.restartBrowser()),

  expectNoOutsideRequests: async ({ extension }, use) => {
    await use((ignore) => {
      const seen = extension.outsideRequests.filter((r) => !(ignore?.(r) ?? false));
      expect(seen, 'requests to the outside world').toEqual([]);
    });
  },
});

export { expect };
