import { describe, expect, it } from 'vitest';
import { imageTypeOf, MAX_SCREENSHOT_BYTES, screenshotProblem } from './screenshot';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
const TEXT = new TextEncoder().encode('hello, not a picture');

describe('the toggle screenshot', () => {
  it('knows pictures by their first bytes, not their names', () => {
    expect(imageTypeOf(PNG)).toBe('image/png');
    expect(imageTypeOf(JPEG)).toBe('image/jpeg');
    expect(imageTypeOf(TEXT)).toBeNull();
  });

  it('takes a picture of up to 5 MB', () => {
    expect(screenshotProblem({ name: 'toggle.png', size: MAX_SCREENSHOT_BYTES, head: PNG })).toBeNull();
  });

  it('refuses a file that is not a picture, or is over 5 MB, in the buyer’s words', () => {
    expect(screenshotProblem({ name: 'notes.png', size: 20, head: TEXT })).toBe(
      '“notes.png” is not a picture. Choose a screenshot (PNG, JPEG, GIF or WebP) of the creator’s Ad authorization toggle.',
    );
    expect(screenshotProblem({ name: 'big.png', size: MAX_SCREENSHOT_BYTES + 1, head: PNG })).toBe(
      '“big.png” is 5.0 MB: a screenshot can be at most 5 MB. Crop it or save it as JPEG, then choose it again.',
    );
  });
});
