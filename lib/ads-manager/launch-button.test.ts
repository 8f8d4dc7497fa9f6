// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { launchButtonIn } from './launch-button';

/** The composed path a click on `target` would have, innermost first (through shadow roots). */
function pathOf(target: Element): EventTarget[] {
  let seen: EventTarget[] = [];
  const listener = (e: Event) => {
    seen = e.composedPath();
  };
  document.addEventListener('click', listener, { capture: true });
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  document.removeEventListener('click', listener, { capture: true });
  return seen;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('launchButtonIn', () => {
  it('finds a plain <button> labelled Publish, Submit or Launch, from an inner element', () => {
    for (const label of ['Publish', 'Submit', 'Launch', 'Publish all', '  PUBLISH ']) {
      document.body.innerHTML = `<button><span id="t">${label}</span></button>`;
      expect(launchButtonIn(pathOf(document.getElementById('t')!))?.localName).toBe('button');
    }
  });

  it('finds a role=button element', () => {
    document.body.innerHTML = '<div role="button" id="b">Submit</div>';
    expect(launchButtonIn(pathOf(document.getElementById('b')!))?.id).toBe('b');
  });

  it('finds a custom-element button whose label lives in its shadow root', () => {
    const host = document.createElement('ks-button-1-4-2x');
    host.attachShadow({ mode: 'open' }).innerHTML = '<button><span>Publish</span></button>';
    document.body.append(host);
    const inner = host.shadowRoot!.querySelector('span')!;
    expect(launchButtonIn(pathOf(inner))).toBe(host);
  });

  it('ignores other buttons and buttons that merely mention publishing', () => {
    document.body.innerHTML =
      '<button id="a">Save draft</button><button id="b">Publish settings</button><a id="c" href="#">Publish</a><button id="d" disabled>Publish</button>';
    for (const id of ['a', 'b', 'c']) expect(launchButtonIn(pathOf(document.getElementById(id)!))).toBeNull();
    expect(launchButtonIn([document.getElementById('d')!])).toBeNull();
  });

  it('ignores clicks outside any button', () => {
    document.body.innerHTML = '<p id="p">Publish</p>';
    expect(launchButtonIn(pathOf(document.getElementById('p')!))).toBeNull();
  });
});
