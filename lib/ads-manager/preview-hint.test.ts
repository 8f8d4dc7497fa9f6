// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mayShowPreview, PREVIEW_WORD } from './preview-hint';
import { PREVIEW_LABELS } from './selectors';

describe('mayShowPreview', () => {
  it('holds for every label the preview reader accepts', () => {
    for (const label of PREVIEW_LABELS) expect(label.source.toLowerCase()).toContain(PREVIEW_WORD);
  });

  it('is false for a page that never says "preview"', () => {
    document.body.innerHTML = '<h1>Ad groups</h1><table><tr><th>Status</th></tr></table>';
    expect(mayShowPreview(document, [])).toBe(false);
  });

  it('sees the word in text, in an aria-label, and inside shadow roots', () => {
    document.body.innerHTML = '<h2>Ad Preview</h2>';
    expect(mayShowPreview(document, [])).toBe(true);
    document.body.innerHTML = '<section aria-label="Preview"></section>';
    expect(mayShowPreview(document, [])).toBe(true);
    document.body.innerHTML = '<x-side></x-side>';
    const root = document.querySelector('x-side')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<div role="region" aria-labelledby="t"><span id="t">Preview</span></div>';
    expect(mayShowPreview(document, [])).toBe(false);
    expect(mayShowPreview(document, [root])).toBe(true);
  });

  it('sees an unlabelled preview by its signs: "Sponsored", a video, a like / comment / share button', () => {
    document.body.innerHTML = '<div><div>@mia.creates</div><div>Sponsored</div></div>';
    expect(mayShowPreview(document, [])).toBe(true);
    document.body.innerHTML = '<div><video></video></div>';
    expect(mayShowPreview(document, [])).toBe(true);
    document.body.innerHTML = '<div><button aria-label="Comment">12</button></div>';
    expect(mayShowPreview(document, [])).toBe(true);
    document.body.innerHTML = '<div><i title="Comments"></i><span>12</span></div>';
    expect(mayShowPreview(document, [])).toBe(true);
    document.body.innerHTML = '<table><tr><th>Ad name</th><th>Status</th></tr><tr><td>Spring @mia</td><td>Active</td></tr></table>';
    expect(mayShowPreview(document, [])).toBe(false);
  });
});
