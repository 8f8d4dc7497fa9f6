// Types for demo.mjs, so the e2e tests drive the same demo `npm start` runs.
import type { BrowserContext } from '@playwright/test';

export interface DemoPage {
  url: string;
  file: string;
}
export const DEMO_ACCOUNT: string;
export const DEMO_PAGES: { list: DemoPage; passingPreview: DemoPage; failingPreview: DemoPage };
export function demoPageHtml(file: string): string;
export function createDemoProfile(): string;
export function assertDemoProfile(profileDir: string): void;
export function demoCodes(now: number): { handle: string; post: string; account: string; code: string; days: number; createdAt: number; stage?: string }[];
export function demoCsv(now: number): string;
export function serveDemoPages(context: BrowserContext, profileDir: string): Promise<void>;
export function seedDemoLedger(context: BrowserContext, extensionId: string, profileDir: string, now?: number): Promise<string>;
export function captureDemo(
  context: BrowserContext,
  extensionId: string,
  profileDir: string,
  outDir: string,
): Promise<{
  popup: { url: string; title: string; heading: string; codes: number; firstCode: string };
  shots: { name: string; what: string; path: string }[];
}>;
