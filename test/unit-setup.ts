import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach } from 'vitest';

// @webext-core/messaging calls chrome.runtime.sendMessage callback-style; WXT's bundled fake only
// speaks promises, so unit tests use @webext-core/fake-browser for the global chrome/browser.
// WxtVitest's own setup file runs after this one and stubs its older fake, so the swap happens in a
// hook, which runs after every setup file.
function useFakeBrowser() {
  (globalThis as unknown as { chrome: unknown }).chrome = fakeBrowser;
  (globalThis as unknown as { browser: unknown }).browser = fakeBrowser;
}
useFakeBrowser();

beforeEach(() => {
  useFakeBrowser();
  fakeBrowser.reset();
});
