// Types for chromium.mjs, so the TypeScript e2e fixtures share the same launcher.
export const INSTALL_HINT: string;
export function chromiumPath(): string;
export function extensionArgs(extensionDir: string, options?: { headless?: boolean }): string[];
