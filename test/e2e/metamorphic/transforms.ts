/**
 * Changes a real app makes to its page without changing what the buyer sees (STYLE.md, habit 15). They
 * run inside the page (bundled by in-page.ts), each a function of the document and a seeded random
 * source, so a failing case replays exactly from its seed.
 *
 * Every transform first relies on `freezeStyles`: each element's computed style is written inline, so
 * moving an element into a shadow root, renaming its classes, reordering it or changing its tag cannot
 * change how it looks (selectors stop mattering once every value is inline).
 */

export const TRANSFORM_NAMES = [
  'shadow',
  'splitText',
  'renameIds',
  'dropRoles',
  'dropHeaderRoles',
  'headingsToText',
  'hiddenCopies',
  'shuffle',
  'redrawImages',
] as const;
export type TransformName = (typeof TRANSFORM_NAMES)[number];

/** One generated case: which transforms, in which order, and the seed of every random choice. */
export interface Plan {
  transforms: readonly TransformName[];
  seed: number;
}

/** What a transform did, for sanity checks and failure reports. */
export interface TransformReport {
  name: TransformName;
  changed: number;
}

// ---------------------------------------------------------------------------------------------------
// Randomness

export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed in every browser. */
export function rngOf(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedFor(seed: number, name: string): number {
  let h = seed >>> 0;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function token(rng: Rng): string {
  return Math.floor(rng() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
}

// ---------------------------------------------------------------------------------------------------
// Walking the page (light and shadow trees alike)

const NOT_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'link', 'meta', 'title', 'head']);
const TABLE_PARTS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col']);

/** Every element under `root`, shadow trees included (a host's light children too), SVG internals left out. */
export function allElements(root: ParentNode = document.body): Element[] {
  const out: Element[] = [];
  const walk = (node: ParentNode): void => {
    for (const child of Array.from(node.children)) {
      if (NOT_CONTENT.has(child.localName)) continue;
      out.push(child);
      if (child.localName !== 'svg') walk(child);
      if (child.shadowRoot) walk(child.shadowRoot);
    }
  };
  walk(root);
  return out;
}

/** Text nodes under `root`, shadow trees included. */
function allTextNodes(root: ParentNode = document.body): Text[] {
  const out: Text[] = [];
  const walk = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) out.push(child as Text);
      else if (child.nodeType === Node.ELEMENT_NODE) {
        const el = child as Element;
        if (NOT_CONTENT.has(el.localName) || el.localName === 'svg') continue;
        walk(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    }
  };
  walk(root);
  return out;
}

function isShown(el: Element): boolean {
  return el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true } as CheckVisibilityOptions);
}

/**
 * A random stretch of the page: a text-bearing element, then a random number of levels up, so small
 * pieces (a count, a name) and whole blocks (a preview, a list) are both picked.
 */
function pickSubtree(rng: Rng, accept: (el: Element) => boolean): Element | null {
  const leaves = allTextNodes()
    .filter((t) => (t.data.trim().length > 0 && t.parentElement ? isShown(t.parentElement) : false))
    .map((t) => t.parentElement!);
  for (let attempt = 0; attempt < 20 && leaves.length > 0; attempt++) {
    let el: Element | null = pick(rng, leaves);
    const up = Math.floor(rng() * 8);
    for (let i = 0; i < up && el; i++) {
      const parent: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
      if (!parent || parent === document.body) break;
      el = parent;
    }
    if (el && el !== document.body && accept(el)) return el;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Freezing styles

const SIZES = ['width', 'height', 'inline-size', 'block-size'];
const REPLACED = new Set(['img', 'video', 'canvas', 'iframe', 'input', 'select', 'textarea', 'button', 'svg']);

/**
 * Elements whose width or height a style rule or their own style attribute sets. Only those get their
 * size frozen: an auto height written as pixels would stop a child's margin collapsing through its
 * parent, and move everything below.
 */
function sizedElements(): Set<Element> {
  const sized = new Set<Element>();
  const roots: (Document | ShadowRoot)[] = [document, ...allElements().flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []))];
  const visit = (rules: CSSRuleList, root: Document | ShadowRoot): void => {
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSStyleRule) {
        if (!SIZES.some((p) => rule.style.getPropertyValue(p))) continue;
        if (root instanceof ShadowRoot && rule.selectorText.includes(':host')) sized.add(root.host);
        try {
          for (const el of Array.from(root.querySelectorAll(rule.selectorText))) sized.add(el);
        } catch {
          // A selector only a shadow tree understands (:host, ::slotted) matches nothing here.
        }
      } else if ('cssRules' in rule) visit((rule as CSSGroupingRule).cssRules, root);
    }
  };
  for (const root of roots) for (const sheet of [...Array.from(root.styleSheets), ...root.adoptedStyleSheets]) visit(sheet.cssRules, root);
  for (const el of allElements()) {
    const style = (el as HTMLElement).style;
    if (REPLACED.has(el.localName) || (style && SIZES.some((p) => style.getPropertyValue(p)))) sized.add(el);
  }
  return sized;
}

/**
 * Writes every element's computed style inline (sizes only where something set them). Values are read
 * for all elements before any is written, so no write can influence a later read. Afterwards no
 * stylesheet selector decides anything about how an element looks, which is what lets the other
 * transforms change tags, classes, order and tree without changing the picture.
 */
export function freezeStyles(): number {
  const elements = allElements().filter((el) => el.namespaceURI === 'http://www.w3.org/1999/xhtml');
  const sized = sizedElements();
  const styles = elements.map((el) => {
    const cs = getComputedStyle(el);
    const keepSize = sized.has(el);
    let css = '';
    for (let i = 0; i < cs.length; i++) {
      const prop = cs[i]!;
      if (!keepSize && SIZES.includes(prop)) continue;
      css += `${prop}:${cs.getPropertyValue(prop)};`;
    }
    return css;
  });
  elements.forEach((el, i) => ((el as HTMLElement).style.cssText = styles[i]!));
  return elements.length;
}

// ---------------------------------------------------------------------------------------------------
// The transforms

/** Custom-element names as frameworks generate them: a prefix, a word, a hashed suffix. */
function customTag(rng: Rng): string {
  return `${pick(rng, ['ks', 'tux', 'pm', 'byted', 'x'])}-${pick(rng, ['box', 'view', 'cell', 'panel', 'slot', 'wrap'])}-${token(rng)}`;
}

/**
 * Wraps subtrees in custom elements with random tag names and moves them into the host's open shadow
 * root. The host is `display: contents`, so the subtree keeps its place in the layout. Table parts are
 * not wrapped (a real table's rows and cells stay in its table), nor are slotted children of a host or
 * subtrees holding a slot (that would change what the slot shows).
 */
export function shadow(rng: Rng): number {
  const accept = (el: Element): boolean => {
    if (TABLE_PARTS.has(el.localName) || el.localName === 'slot' || el.localName === 'option' || el.localName === 'li') return false;
    if (el.parentElement?.shadowRoot || el.querySelector('slot')) return false;
    const parent = el.parentElement;
    if (parent && (TABLE_PARTS.has(parent.localName) && parent.localName !== 'td' && parent.localName !== 'th')) return false;
    if (parent && (parent.localName === 'select' || parent.localName === 'svg')) return false;
    return el.namespaceURI === 'http://www.w3.org/1999/xhtml';
  };
  const count = 1 + Math.floor(rng() * 5);
  let changed = 0;
  for (let i = 0; i < count; i++) {
    const el = pickSubtree(rng, accept);
    if (!el || !el.parentNode) continue;
    const host = document.createElement(customTag(rng));
    host.style.display = 'contents';
    el.parentNode.insertBefore(host, el);
    host.attachShadow({ mode: 'open' }).append(el);
    changed++;
  }
  return changed;
}

const NO_SPLIT_PARENTS = new Set(['textarea', 'option', 'select', 'title', 'style', 'script']);

/** Splits text over inline `<span>`s (styled `all: unset`, so no rule of the page reaches them). */
export function splitText(rng: Rng): number {
  let changed = 0;
  for (const text of allTextNodes()) {
    const parent = text.parentElement;
    if (!parent || NO_SPLIT_PARENTS.has(parent.localName) || text.data.trim().length < 2) continue;
    // In a flex or grid box each piece would become its own item: only inline and block flow keeps the line.
    if (/flex|grid/.test(getComputedStyle(parent).display)) continue;
    if (rng() < 0.4) continue;
    const chars = Array.from(text.data);
    const cuts = [...new Set([1 + Math.floor(rng() * (chars.length - 1)), 1 + Math.floor(rng() * (chars.length - 1))])].sort(
      (a, b) => a - b,
    );
    const pieces: string[] = [];
    let from = 0;
    for (const cut of [...cuts, chars.length]) {
      pieces.push(chars.slice(from, cut).join(''));
      from = cut;
    }
    const nodes = pieces.map((piece, i) => {
      if (i > 0 && rng() < 0.3) return document.createTextNode(piece);
      const span = document.createElement('span');
      span.setAttribute('style', 'all: unset');
      if (rng() < 0.3) {
        const inner = document.createElement('span');
        inner.setAttribute('style', 'all: unset');
        inner.textContent = piece;
        span.append(inner);
      } else span.textContent = piece;
      return span;
    });
    text.replaceWith(...nodes);
    changed++;
  }
  return changed;
}

const TEST_ID = /^data-(?:testid|test-id|test|e2e|qa|cy)$/;
const ID_REFS = ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-activedescendant'];

/**
 * Renames or removes class names and test ids (hashed names change with every release), and renames
 * element ids together with every reference to them in the same tree.
 */
export function renameIds(rng: Rng): number {
  const classes = new Map<string, string>();
  const ids = new Map<string, string>();
  let changed = 0;
  const elements = allElements();
  for (const el of elements) {
    const cls = el.getAttribute('class');
    if (cls !== null) {
      if (rng() < 0.4) el.removeAttribute('class');
      else {
        const renamed = cls
          .split(/\s+/)
          .filter(Boolean)
          .map((c) => {
            if (!classes.has(c)) classes.set(c, `css-${token(rng)}`);
            return classes.get(c)!;
          });
        el.setAttribute('class', renamed.join(' '));
      }
      changed++;
    }
    for (const attr of Array.from(el.attributes)) {
      if (!TEST_ID.test(attr.name)) continue;
      if (rng() < 0.5) el.removeAttribute(attr.name);
      else el.setAttribute(attr.name, `${token(rng)}-${token(rng)}`);
      changed++;
    }
    const id = el.getAttribute('id');
    if (id) {
      const root = el.getRootNode();
      const key = `${id}`;
      const renamed = `id-${token(rng)}`;
      ids.set(key, renamed);
      el.setAttribute('id', renamed);
      for (const other of elements) {
        if (other.getRootNode() !== root) continue;
        for (const ref of ID_REFS) {
          const value = other.getAttribute(ref);
          if (value && value.split(/\s+/).includes(id)) {
            other.setAttribute(ref, value.split(/\s+/).map((v) => (v === id ? renamed : v)).join(' '));
          }
        }
      }
      changed++;
    }
  }
  return changed;
}

/** Roles that only restate a structure the layout shows (interactive roles stay: they carry state). */
const STRUCTURAL_ROLES = new Set([
  'grid', 'table', 'treegrid', 'row', 'rowgroup', 'cell', 'gridcell', 'rowheader',
  'dialog', 'alertdialog', 'region', 'list', 'listitem', 'heading', 'group', 'article', 'presentation', 'none',
]);

/** Removes structural ARIA roles (grid, row, cell, dialog, region, list, heading…); header cells keep theirs. */
export function dropRoles(): number {
  let changed = 0;
  for (const el of allElements()) {
    const role = el.getAttribute('role');
    if (role && STRUCTURAL_ROLES.has(role.trim())) {
      el.removeAttribute('role');
      if (role.trim() === 'heading') el.removeAttribute('aria-level');
      changed++;
    }
  }
  return changed;
}

/** Removes role=columnheader: header cells become plain boxes above their columns. */
export function dropHeaderRoles(): number {
  let changed = 0;
  for (const el of allElements()) {
    if (el.getAttribute('role')?.trim() === 'columnheader') {
      el.removeAttribute('role');
      changed++;
    }
  }
  return changed;
}

/** Renames an element's tag, keeping attributes, children, shadow root (by moving children) and inline style. */
function retag(el: Element, tag: string): Element {
  const out = document.createElement(tag);
  for (const attr of Array.from(el.attributes)) out.setAttribute(attr.name, attr.value);
  out.append(...Array.from(el.childNodes));
  el.replaceWith(out);
  return out;
}

/** Headings become plain text: h1–h6 turn into divs styled as they were, role=heading is dropped. */
export function headingsToText(): number {
  let changed = 0;
  for (const el of allElements()) {
    if (/^h[1-6]$/.test(el.localName)) {
      retag(el, 'div');
      changed++;
    } else if (el.getAttribute('role')?.trim() === 'heading') {
      el.removeAttribute('role');
      el.removeAttribute('aria-level');
      changed++;
    }
  }
  return changed;
}

/** Ways a page keeps a copy it does not show. */
const HIDING = ['display-none', 'hidden-attribute', 'aria-hidden-offscreen', 'clipped-to-nothing'] as const;

/** Marks copies this transform added (for the sanity checks only; readers never look at it). */
export const COPY_MARK = 'data-metamorphic-copy';

/**
 * Adds hidden copies of random subtrees (a count, a row, a whole preview or list) beside the
 * original: display:none, the hidden attribute, aria-hidden and off screen, or clipped to nothing.
 * Copies lose their ids (a duplicate id would change what labels point at) and their radio groups
 * (a checked copy would uncheck the original).
 */
export function hiddenCopies(rng: Rng): number {
  const count = 1 + Math.floor(rng() * 3);
  let changed = 0;
  for (let i = 0; i < count; i++) {
    const el = pickSubtree(rng, (e) => e.localName !== 'option' && e.parentElement?.localName !== 'select');
    if (!el || !el.parentNode) continue;
    const copy = el.cloneNode(true) as HTMLElement;
    for (const inner of [copy, ...Array.from(copy.querySelectorAll('*'))]) {
      inner.removeAttribute('id');
      for (const attr of Array.from(inner.attributes)) if (attr.name.startsWith('data-fixture-')) inner.removeAttribute(attr.name);
      if (inner.localName === 'input') inner.setAttribute('name', `copy-${token(rng)}`);
    }
    copy.setAttribute(COPY_MARK, '');
    // Rows and cells ignore sizes and offsets: a table keeps its copies out of sight the plain ways.
    const how = pick(rng, TABLE_PARTS.has(copy.localName) ? HIDING.slice(0, 2) : HIDING);
    el.parentNode.insertBefore(copy, rng() < 0.5 ? el : el.nextSibling);
    if (how === 'display-none') copy.style.setProperty('display', 'none', 'important');
    else if (how === 'hidden-attribute') {
      copy.style.removeProperty('display');
      copy.hidden = true;
      // Author styles can override [hidden]; a copy that would still show is hidden the plain way.
      if (isShown(copy)) copy.style.setProperty('display', 'none', 'important');
    } else if (how === 'aria-hidden-offscreen') {
      copy.setAttribute('aria-hidden', 'true');
      copy.style.setProperty('position', 'absolute', 'important');
      copy.style.setProperty('left', '-10000px', 'important');
      copy.style.setProperty('top', '0', 'important');
      copy.style.setProperty('transform', 'none', 'important');
    } else {
      copy.style.setProperty('position', 'absolute', 'important');
      copy.style.setProperty('width', '0', 'important');
      copy.style.setProperty('height', '0', 'important');
      copy.style.setProperty('min-width', '0', 'important');
      copy.style.setProperty('min-height', '0', 'important');
      copy.style.setProperty('padding', '0', 'important');
      copy.style.setProperty('border', '0', 'important');
      copy.style.setProperty('overflow', 'hidden', 'important');
    }
    changed++;
  }
  return changed;
}

/**
 * Shuffles the DOM order of siblings whose place the layout decides anyway: items of a flex or grid box
 * (given `order` first, so they show where they were) and boxes whose children are all absolutely
 * positioned (each keeps its own offsets).
 */
export function shuffle(rng: Rng): number {
  let changed = 0;
  for (const parent of allElements()) {
    if (parent.shadowRoot || parent.localName === 'svg' || parent.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
    const kids = Array.from(parent.children).filter((k) => !NOT_CONTENT.has(k.localName));
    if (kids.length < 2 || kids.some((k) => k.localName === 'slot')) continue;
    if (Array.from(parent.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n as Text).data.trim())) continue;
    const display = getComputedStyle(parent).display;
    // A `display: contents` child is no flex or grid item (its children are), so `order` on it does nothing.
    const flexOrGrid = /flex|grid/.test(display) && kids.every((k) => getComputedStyle(k).display !== 'contents');
    const positioned = kids.every((k) => /absolute|fixed/.test(getComputedStyle(k).position));
    if (!flexOrGrid && !positioned) continue;
    if (rng() < 0.3) continue;
    if (flexOrGrid) {
      const visual = kids
        .map((k, i) => ({ k, i, order: Number.parseInt(getComputedStyle(k).order, 10) || 0 }))
        .sort((a, b) => a.order - b.order || a.i - b.i);
      visual.forEach(({ k }, rank) => (k as HTMLElement).style.setProperty('order', String(rank)));
    } else {
      // Positioned boxes paint in DOM order where they overlap: give each its old rank explicitly.
      kids.forEach((k, rank) => {
        const el = k as HTMLElement;
        if (getComputedStyle(el).zIndex === 'auto') el.style.setProperty('z-index', String(rank));
      });
    }
    const anchor = kids[kids.length - 1]!.nextSibling;
    for (const k of shuffled(rng, kids)) parent.insertBefore(k, anchor);
    changed++;
  }
  return changed;
}

const AVATAR_WORDS = /avatar|profile/i;
const STAND_IN = /default/i;

function labelOf(el: Element): string {
  return el.getAttribute('alt') ?? el.getAttribute('aria-label') ?? el.getAttribute('title') ?? '';
}

function sourceOf(el: Element): string | null {
  if (el.localName === 'img') return el.getAttribute('src');
  const bg = getComputedStyle(el).backgroundImage;
  return /^url\(/.test(bg) ? bg.replace(/^url\(["']?/, '').replace(/["']?\)$/, '') : null;
}

function isRoundAndSmall(el: Element): boolean {
  const r = el.getBoundingClientRect();
  const radius = Number.parseFloat(getComputedStyle(el).borderTopLeftRadius) || 0;
  const parent = el.parentElement;
  const parentRadius = parent ? Number.parseFloat(getComputedStyle(parent).borderTopLeftRadius) || 0 : 0;
  return Math.max(r.width, r.height) <= 160 && r.width > 0 && (radius * 2 >= r.width || parentRadius * 2 >= r.width);
}

/** The creator's handle as the page shows it, for avatars whose alt is the creator's name. */
function creatorName(): string {
  for (const t of allTextNodes()) {
    const m = /^\s*@([A-Za-z0-9_.]{1,24})/.exec(t.data);
    if (m) return m[1]!;
  }
  return 'creator';
}

/**
 * Redraws pictures: `<img>` ↔ `role="img"` with a background image ↔ a plain CSS background. The
 * creator's avatar may take any alt (empty, the creator's name, "avatar", "profile"), as Ads Manager's
 * builds do. A stand-in avatar keeps what marks it as one (its default-avatar address, or its label
 * when that is all there is), so a silhouette never turns into a picture. Other pictures keep their
 * label where the new drawing can carry one. Icons without a picture (role=img around an svg) stay.
 */
export function redrawImages(rng: Rng): number {
  const name = creatorName();
  let changed = 0;
  const pictures = allElements().filter(
    (el) => (el.localName === 'img' && el.getAttribute('src')) || (el.getAttribute('role') === 'img' && sourceOf(el)),
  );
  for (const el of pictures) {
    const src = sourceOf(el);
    if (!src || !isShown(el)) continue;
    const label = labelOf(el);
    const standIn = STAND_IN.test(label) || STAND_IN.test(src);
    const avatar = standIn || AVATAR_WORDS.test(label) || (!label && isRoundAndSmall(el));
    const labelIsTheOnlyMark = standIn && !STAND_IN.test(src);
    const drawings = labelIsTheOnlyMark ? (['img', 'role-img'] as const) : (['img', 'role-img', 'background'] as const);
    const drawing = pick(rng, drawings);
    const newLabel = standIn || !avatar ? label : pick(rng, ['', name, 'avatar', 'profile', 'Profile picture', `${name} avatar`]);
    const css = (el as HTMLElement).style.cssText;
    const display = getComputedStyle(el).display;
    let out: HTMLElement;
    if (drawing === 'img') {
      out = document.createElement('img');
      out.setAttribute('src', src);
      out.setAttribute('alt', newLabel);
      out.style.cssText = css;
      out.style.setProperty('background-image', 'none');
      out.style.setProperty('object-fit', 'cover');
    } else {
      out = document.createElement('div');
      if (drawing === 'role-img') {
        out.setAttribute('role', 'img');
        if (newLabel) out.setAttribute('aria-label', newLabel);
      }
      out.style.cssText = css;
      out.style.setProperty('background-image', `url("${src}")`);
      out.style.setProperty('background-size', 'cover');
      out.style.setProperty('background-position', 'center');
      out.style.setProperty('background-repeat', 'no-repeat');
      if (display === 'inline') out.style.setProperty('display', 'inline-block');
    }
    for (const attr of Array.from(el.attributes)) {
      if (/^(?:src|srcset|alt|role|aria-label|title|style|width|height)$/.test(attr.name)) continue;
      out.setAttribute(attr.name, attr.value);
    }
    el.replaceWith(out);
    changed++;
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------------
// Applying a plan

const APPLY: Record<TransformName, (rng: Rng) => number> = {
  shadow,
  splitText,
  renameIds,
  dropRoles,
  dropHeaderRoles,
  headingsToText,
  hiddenCopies,
  shuffle,
  redrawImages,
};

/** Freezes styles, then applies the plan's transforms in its order, each with its own random stream. */
export function applyPlan(plan: Plan): TransformReport[] {
  freezeStyles();
  return plan.transforms.map((name) => ({ name, changed: APPLY[name](rngOf(seedFor(plan.seed, name))) }));
}
