// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchPage, type Batch, type PageWatcher } from './watch';

let frames: (() => void)[] = [];
let passes: Batch[] = [];
let errors: unknown[] = [];
let watcher: PageWatcher;

/** Lets MutationObserver callbacks (microtasks) run, then runs the frame the watcher asked for. */
async function nextFrame(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  const due = frames.splice(0);
  due.forEach((f) => f());
}

function start(onPass: (batch: Batch) => void = () => {}): void {
  watcher = watchPage({
    doc: document,
    isOwn: (node) => node.nodeType === 1 && (node as Element).hasAttribute('data-spark-guard-host'),
    onPass: (batch) => {
      passes.push(batch);
      onPass(batch);
    },
    onError: (e) => errors.push(e),
    nextFrame: (cb) => frames.push(cb),
  });
}

beforeEach(() => {
  document.body.innerHTML = '<main id="app"><p id="p">hello</p></main>';
  frames = [];
  passes = [];
  errors = [];
});
afterEach(() => watcher.stop());

describe('watchPage', () => {
  it('starts with one full pass', async () => {
    start();
    await nextFrame();
    expect(passes).toHaveLength(1);
    expect(passes[0]!.full).toBe(true);
  });

  it('runs a waiting pass at once when flushed, changes of this very task included, and not again in the frame', async () => {
    start();
    await nextFrame();
    const added = document.createElement('div');
    document.getElementById('app')!.append(added);
    // No microtask has run: the observer's callback has not seen the change yet.
    watcher.flush();
    expect(passes).toHaveLength(2);
    expect([...passes[1]!.added]).toEqual([added]);
    await nextFrame();
    expect(passes).toHaveLength(2);
    // Nothing waiting: a flush runs no pass.
    watcher.flush();
    expect(passes).toHaveLength(2);
  });

  it('coalesces many mutations into one pass per frame, with only what changed', async () => {
    start();
    await nextFrame();
    const app = document.getElementById('app')!;
    const a = document.createElement('div');
    const b = document.createElement('div');
    app.append(a, b);
    document.getElementById('p')!.firstChild!.textContent = 'changed';
    await nextFrame();
    expect(passes).toHaveLength(2);
    const batch = passes[1]!;
    expect(batch.full).toBe(false);
    expect([...batch.added]).toEqual([a, b]);
    expect(batch.changed.has(app)).toBe(true);
    expect(batch.changed.has(document.getElementById('p')!)).toBe(true);
  });

  it('runs no pass when nothing changed', async () => {
    start();
    await nextFrame();
    await nextFrame();
    expect(passes).toHaveLength(1);
    expect(frames).toHaveLength(0);
  });

  it('sees changes inside open shadow roots, nested ones included', async () => {
    const host = document.createElement('x-table');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div id="cell">Active</div><x-inner></x-inner>';
    const inner = shadow.querySelector('x-inner')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<span>deep</span>';
    document.body.append(host);
    start();
    await nextFrame();

    const cell = shadow.getElementById('cell')!;
    cell.firstChild!.textContent = 'Not delivering';
    inner.querySelector('span')!.setAttribute('class', 'x');
    await nextFrame();
    expect(passes).toHaveLength(2);
    expect(passes[1]!.changed.has(cell)).toBe(true);
    expect(passes[1]!.restyled.has(inner.querySelector('span')!)).toBe(true);
  });

  it('starts watching shadow roots that arrive later', async () => {
    start();
    await nextFrame();
    const host = document.createElement('x-late');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<b>1</b>';
    document.body.append(host);
    await nextFrame();
    expect(passes[1]!.newShadowRoots).toEqual([shadow]);
    shadow.querySelector('b')!.textContent = '2';
    await nextFrame();
    expect(passes).toHaveLength(3);
    expect(passes[2]!.newShadowRoots).toEqual([]);
    expect(passes[2]!.changed.has(shadow.querySelector('b')!)).toBe(true);
  });

  it('ignores the overlay’s own UI', async () => {
    start();
    await nextFrame();
    const own = document.createElement('spark-guard-ui');
    own.setAttribute('data-spark-guard-host', 'badge');
    const ownShadow = own.attachShadow({ mode: 'open' });
    document.body.append(own);
    await nextFrame();
    ownShadow.innerHTML = '<p>Not delivering</p>';
    own.setAttribute('class', 'x');
    await nextFrame();
    expect(passes).toHaveLength(1);
  });

  it('tells attribute changes apart from content changes', async () => {
    start();
    await nextFrame();
    const p = document.getElementById('p')!;
    p.setAttribute('hidden', '');
    p.setAttribute('data-unwatched', 'x');
    await nextFrame();
    expect([...passes[1]!.restyled]).toEqual([p]);
    expect(passes[1]!.changed.size).toBe(0);
    p.setAttribute('data-other', 'y');
    await nextFrame();
    expect(passes).toHaveLength(2);
  });

  it('reports removals, and what was removed', async () => {
    start();
    await nextFrame();
    const p = document.getElementById('p')!;
    p.remove();
    await nextFrame();
    expect(passes[1]!.removed).toBe(true);
    expect([...passes[1]!.removedNodes]).toEqual([p]);
  });

  it('finds shadow roots on every kind of element that may host one, inside table cells too', async () => {
    document.body.innerHTML =
      '<table><tr><td><div id="d"></div><x-tag-1 id="x"></x-tag-1></td></tr></table><p><span id="s"></span></p>';
    const roots = ['d', 'x', 's'].map((id) => {
      const shadow = document.getElementById(id)!.attachShadow({ mode: 'open' });
      shadow.innerHTML = '<i>Active</i>';
      return shadow;
    });
    start();
    await nextFrame();
    expect(passes[0]!.shadowRoots()).toEqual(roots);
    roots[0]!.querySelector('i')!.textContent = 'Not delivering';
    await nextFrame();
    expect(passes[1]!.changed.has(roots[0]!.querySelector('i')!)).toBe(true);
  });

  it('reads the whole page again when asked', async () => {
    start();
    await nextFrame();
    watcher.requestFull();
    await nextFrame();
    expect(passes[1]!.full).toBe(true);
  });

  it('reports a failing pass instead of throwing into the page, and keeps watching', async () => {
    let fail = true;
    start(() => {
      if (fail) throw new Error('boom');
    });
    await nextFrame();
    expect(errors).toHaveLength(1);
    fail = false;
    document.body.append(document.createElement('div'));
    await nextFrame();
    expect(passes).toHaveLength(2);
  });

  it('stops cleanly', async () => {
    start();
    await nextFrame();
    watcher.stop();
    document.body.append(document.createElement('div'));
    await nextFrame();
    expect(passes).toHaveLength(1);
  });
});
