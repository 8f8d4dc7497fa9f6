import { eachShadowRoot } from './shadow-hosts';

/**
 * Watches a page for changes without polling: ONE MutationObserver for the document and every open
 * shadow root found in it (a document-wide observer does not see inside shadow roots), coalesced so at
 * most one pass runs per animation frame. A pass gets only what changed since the last one; features
 * re-read the parts of the page those changes touch, never the whole page per mutation.
 */

/** What changed since the last pass. */
export interface Batch {
  /** Roots of subtrees added to the page (the page's own nodes only). */
  added: Set<Node>;
  /** Elements whose children or text changed. */
  changed: Set<Element>;
  /** Elements whose watched attributes changed (class, style, hidden…): what shows may have changed below them. */
  restyled: Set<Element>;
  /** Open shadow roots first seen in this pass: their content came with them, unseen by the observer. */
  newShadowRoots: ShadowRoot[];
  /** Every open shadow root on the page now (those whose host left the page are forgotten). */
  shadowRoots(): ShadowRoot[];
  /** Something was removed: features check that what they track is still connected. */
  removed: boolean;
  /** Roots of subtrees taken out of the page (the page's own nodes only), to tell which checks are due. */
  removedNodes: Set<Node>;
  /** First pass, or a new page in the single-page app: features read the whole page once. */
  full: boolean;
}

export interface WatchOptions {
  doc: Document;
  /** Nodes the watcher ignores: the overlay's own UI, so adding it does not trigger another pass. */
  isOwn(node: Node): boolean;
  onPass(batch: Batch): void;
  onError(error: unknown): void;
  /** Runs the callback before the next frame; the caller ties it to the content script's lifetime. */
  nextFrame(callback: () => void): void;
}

export interface PageWatcher {
  /** Ask for a pass over the whole page (e.g. after the URL changed). */
  requestFull(): void;
  /**
   * Runs the pass that is waiting, if any, now: for decisions that must see the page as it is this
   * moment (a click on Publish), not as it was at the last pass. The scheduled pass then does nothing.
   */
  flush(): void;
  stop(): void;
}

/** Attributes that change what shows (visibility, images, labels), not every attribute. */
export const WATCHED_ATTRIBUTES = [
  'class',
  'style',
  'hidden',
  'aria-hidden',
  'aria-label',
  'aria-checked',
  'aria-selected',
  'aria-busy',
  'open',
  'src',
  'alt',
  'value',
];

const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: WATCHED_ATTRIBUTES,
};

function isElementNode(node: Node | null): node is Element {
  return !!node && node.nodeType === 1;
}

function parentElementOf(node: Node): Element | null {
  const parent = node.parentNode;
  if (!parent) return null;
  if (isElementNode(parent)) return parent;
  // A direct child of a shadow root: its host stands for it.
  return (parent as ShadowRoot).host ?? null;
}

export function watchPage(options: WatchOptions): PageWatcher {
  const { doc, isOwn } = options;
  const observed = new WeakSet<Node>();
  let pending = emptyBatch(true);
  let scheduled = false;
  let stopped = false;

  const observer = new MutationObserver((records) => {
    try {
      collect(records);
    } catch (error) {
      options.onError(error);
    }
  });

  let found: ShadowRoot[] | null = null;
  const roots = new Set<ShadowRoot>();

  function emptyBatch(full: boolean): Batch {
    return {
      added: new Set(),
      changed: new Set(),
      restyled: new Set(),
      newShadowRoots: [],
      shadowRoots,
      removed: false,
      removedNodes: new Set(),
      full,
    };
  }

  function shadowRoots(): ShadowRoot[] {
    for (const root of roots) {
      if (root.host.isConnected) continue;
      // Forgotten, so the root is watched again if its host comes back.
      roots.delete(root);
      observed.delete(root);
    }
    return [...roots];
  }

  function observe(root: Document | ShadowRoot): void {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, OBSERVE);
    if (root.nodeType === 11) {
      roots.add(root as ShadowRoot);
      found?.push(root as ShadowRoot);
    }
  }

  /** Observes every open shadow root at or below `node` that the page owns. */
  function observeShadowRootsUnder(node: Node): void {
    if (!isElementNode(node) && node.nodeType !== 9 && node.nodeType !== 11) return;
    eachShadowRoot(node, isOwn, (shadow) => {
      if (observed.has(shadow)) return false;
      observe(shadow);
      return true;
    });
  }

  function schedule(): void {
    if (scheduled || stopped) return;
    scheduled = true;
    options.nextFrame(run);
  }

  function run(): void {
    // Already run (flushed), or stopped.
    if (!scheduled || stopped) return;
    // Records still queued belong to this pass: take them now rather than one frame late.
    collect(observer.takeRecords());
    scheduled = false;
    const batch = pending;
    pending = emptyBatch(false);
    try {
      found = batch.newShadowRoots;
      for (const node of batch.added) observeShadowRootsUnder(node);
      // Shadow roots attached after their host was added show up as changes on the host.
      for (const el of batch.changed) if (el.shadowRoot && !isOwn(el)) observeShadowRootsUnder(el);
      for (const el of batch.restyled) if (el.shadowRoot && !isOwn(el)) observeShadowRootsUnder(el);
      if (batch.full) observeShadowRootsUnder(doc);
      found = null;
      options.onPass(batch);
    } catch (error) {
      options.onError(error);
    } finally {
      found = null;
    }
  }

  function collect(records: MutationRecord[]): void {
    let any = false;
    for (const record of records) {
      const target = record.target;
      if (record.type === 'childList') {
        let pageNodes = false;
        record.addedNodes.forEach((node) => {
          if (isOwn(node)) return;
          pageNodes = true;
          if (node.nodeType === 1) pending.added.add(node);
          else if (node.nodeType === 3 && isElementNode(target)) pending.changed.add(target);
          else if (node.nodeType === 3) {
            const parent = parentElementOf(node);
            if (parent) pending.changed.add(parent);
          }
        });
        record.removedNodes.forEach((node) => {
          if (isOwn(node)) return;
          pageNodes = true;
          pending.removed = true;
          pending.removedNodes.add(node);
        });
        if (!pageNodes) continue;
        const el = isElementNode(target) ? target : ((target as ShadowRoot).host ?? null);
        if (el && !isOwn(el)) pending.changed.add(el);
        any = true;
      } else if (record.type === 'characterData') {
        const parent = parentElementOf(target);
        if (parent && !isOwn(parent)) {
          pending.changed.add(parent);
          any = true;
        }
      } else if (isElementNode(target) && !isOwn(target)) {
        pending.restyled.add(target);
        any = true;
      }
    }
    if (any) schedule();
  }

  observe(doc);
  schedule();

  return {
    requestFull() {
      pending.full = true;
      schedule();
    },
    flush() {
      if (stopped) return;
      // Changes made in this very task have not reached the observer's callback yet.
      collect(observer.takeRecords());
      run();
    },
    stop() {
      stopped = true;
      observer.disconnect();
    },
  };
}
