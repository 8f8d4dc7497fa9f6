import { z } from 'zod';
import type { CodeRecord } from './code';
import { parseHandle } from './parse';
import { plural } from './plural';

/**
 * Creators in the Spark pipeline: who they are, whether their region and their "Ad authorization"
 * toggle were checked, and whether they are ready for a Spark Ad. Pure: `now` is a parameter.
 */

export const MAX_REGION_LENGTH = 80;
export const MAX_CONTACT_LENGTH = 300;

/** A stored screenshot: the picture itself (a Blob in the database) with what it is. */
export const screenshotSchema = z.object({
  blob: z.instanceof(Blob),
  type: z.string().regex(/^image\//),
  size: z.number().int().min(1),
  name: z.string().max(300),
});
export type Screenshot = z.infer<typeof screenshotSchema>;

export const creatorRecordSchema = z.object({
  /** Normalized like a code's handle: lower case, no @. */
  handle: z.string().min(1).max(24),
  region: z.string().max(MAX_REGION_LENGTH),
  contact: z.string().max(MAX_CONTACT_LENGTH),
  regionConfirmed: z.boolean(),
  toggleSeenOn: z.boolean(),
  screenshot: screenshotSchema.nullable(),
  savedAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type CreatorRecord = z.infer<typeof creatorRecordSchema>;

/** What the buyer types in the creator form. */
export const creatorDraftInputSchema = z.object({
  handle: z.string().max(200),
  region: z.string().max(1000),
  contact: z.string().max(1000),
  regionConfirmed: z.boolean(),
  toggleSeenOn: z.boolean(),
});
export type CreatorDraftInput = z.infer<typeof creatorDraftInputSchema>;

export type CreatorField = 'handle' | 'region' | 'contact' | 'screenshot';
export type CreatorDraft = Omit<CreatorRecord, 'screenshot' | 'savedAt' | 'updatedAt'>;

export function parseCreatorDraft(
  input: CreatorDraftInput,
): { ok: true; value: CreatorDraft } | { ok: false; field: CreatorField; message: string } {
  const handle = parseHandle(input.handle);
  if (!handle.ok) return { ok: false, field: 'handle', message: handle.message };
  const region = input.region.trim();
  if (region.length > MAX_REGION_LENGTH) {
    return { ok: false, field: 'region', message: `Keep the region short (at most ${MAX_REGION_LENGTH} characters), for example “United States”.` };
  }
  if (input.regionConfirmed && !region) {
    return { ok: false, field: 'region', message: 'Enter the creator’s region before confirming it for Spark Ads.' };
  }
  const contact = input.contact.trim();
  if (contact.length > MAX_CONTACT_LENGTH) {
    return { ok: false, field: 'contact', message: `Keep the contact under ${MAX_CONTACT_LENGTH} characters: an email, a phone number or a profile link.` };
  }
  return {
    ok: true,
    value: { handle: handle.value, region, contact, regionConfirmed: input.regionConfirmed, toggleSeenOn: input.toggleSeenOn },
  };
}

export type Readiness = 'ready' | 'confirmRegion' | 'askToggle';

/**
 * The next step before this creator's posts can run as Spark Ads: the region first (Spark Ads are not
 * available everywhere), then proof that "Ad authorization" is on. A creator known only from the
 * ledger has neither.
 */
export function readinessOf(creator: Pick<CreatorRecord, 'regionConfirmed' | 'toggleSeenOn'> | null): Readiness {
  if (!creator?.regionConfirmed) return 'confirmRegion';
  if (!creator.toggleSeenOn) return 'askToggle';
  return 'ready';
}

const READINESS_WORDS: Record<Readiness, string> = {
  ready: 'Ready for Spark Ads',
  confirmRegion: 'Confirm the region',
  askToggle: 'Ask for a screenshot of Ad authorization: On',
};

export function readinessText(readiness: Readiness): string {
  return READINESS_WORDS[readiness];
}

/** One creator as the workspace lists them: stored details (if any) and their codes in the ledger. */
export interface CreatorView {
  handle: string;
  record: CreatorRecord | null;
  readiness: Readiness;
  /** Live codes not yet expired. */
  liveCodes: number;
  /** The soonest expiry among them, or null. */
  nextExpiry: number | null;
}

/**
 * Every creator: the ones saved by the buyer and every handle in the ledger's codes, so nobody types a
 * handle twice. Sorted: not ready first (they need the buyer), then by handle.
 */
export function creatorViews(
  creators: readonly CreatorRecord[],
  codes: readonly Pick<CodeRecord, 'handle' | 'status' | 'expiresAt'>[],
  now: number,
): CreatorView[] {
  const byHandle = new Map<string, CreatorView>();
  const view = (handle: string): CreatorView => {
    let v = byHandle.get(handle);
    if (!v) {
      v = { handle, record: null, readiness: 'confirmRegion', liveCodes: 0, nextExpiry: null };
      byHandle.set(handle, v);
    }
    return v;
  };
  for (const c of creators) {
    const v = view(c.handle);
    v.record = c;
    v.readiness = readinessOf(c);
  }
  for (const code of codes) {
    const v = view(code.handle);
    if (code.status !== 'live' || code.expiresAt <= now) continue;
    v.liveCodes += 1;
    if (v.nextExpiry === null || code.expiresAt < v.nextExpiry) v.nextExpiry = code.expiresAt;
  }
  const rank = (r: Readiness) => (r === 'ready' ? 1 : 0);
  return [...byHandle.values()].sort((a, b) => rank(a.readiness) - rank(b.readiness) || (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0));
}

export interface PipelineHealth {
  ready: number;
  min: number;
  max: number;
  state: 'below' | 'within' | 'above';
  /** "6 creators ready (target 8–15)" */
  text: string;
  /** What to do about it, or null within the target. */
  advice: string | null;
}

/** Ready creators against the target range (a setting, 8–15 by default). Both ends count as within. */
export function pipelineHealth(views: readonly Pick<CreatorView, 'readiness'>[], min: number, max: number): PipelineHealth {
  const ready = views.filter((v) => v.readiness === 'ready').length;
  const state = ready < min ? 'below' : ready > max ? 'above' : 'within';
  const text = `${plural(ready, 'creator', 'creators')} ready (target ${min}–${max})`;
  const advice =
    state === 'below'
      ? `Below target: get ${plural(min - ready, 'more creator', 'more creators')} ready before codes run out.`
      : state === 'above'
        ? 'Above target: more creators than you can keep in touch with.'
        : null;
  return { ready, min, max, state, text, advice };
}
