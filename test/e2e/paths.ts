import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where e2e builds go: its own folder, so a running `npm start` or benchmark build is never overwritten. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT_DIR = path.resolve(ROOT, process.env.SPARK_GUARD_OUT ?? '.output-e2e');
export const EXTENSION_DIR = path.join(OUT_DIR, 'chrome-mv3');
