/**
 * Whether a chosen file can be kept as a "Toggle screenshot": a picture (by its first bytes, not its
 * name or declared type alone) of at most 5 MB. Pure.
 */

export const MAX_SCREENSHOT_BYTES = 5 * 1024 * 1024;

/** Picture formats a browser shows as an <img>, by their first bytes. */
const SIGNATURES: { type: string; test: (b: Uint8Array) => boolean }[] = [
  { type: 'image/png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
  {
    type: 'image/webp',
    test: (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50,
  },
];

/** The picture type the bytes start with, or null when they are not a picture Spark Guard can show. */
export function imageTypeOf(head: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.test(head))?.type ?? null;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Why this file cannot be the screenshot, in the buyer's words, or null when it can. */
export function screenshotProblem(file: { name: string; size: number; head: Uint8Array }): string | null {
  if (file.size > MAX_SCREENSHOT_BYTES) {
    return `“${file.name}” is ${megabytes(file.size)}: a screenshot can be at most 5 MB. Crop it or save it as JPEG, then choose it again.`;
  }
  if (file.size === 0 || imageTypeOf(file.head) === null) {
    return `“${file.name}” is not a picture. Choose a screenshot (PNG, JPEG, GIF or WebP) of the creator’s Ad authorization toggle.`;
  }
  return null;
}
