import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, OUT_DIR, ROOT } from './paths';

/** Builds the extension once per run, so every e2e run tests the code as it is now, not an old build. */
export default function globalSetup(): void {
  const wxt = path.join(ROOT, 'node_modules', '.bin', 'wxt');
  execFileSync(wxt, ['build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SPARK_GUARD_OUT: OUT_DIR },
  });
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`The build finished but ${EXTENSION_DIR}/manifest.json is missing.`);
  }
}
