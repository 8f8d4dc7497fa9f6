import { format } from 'date-fns';
import { z } from 'zod';
import { HOUR } from './expiry';
import { parsePostUrl } from './parse';
import type { WorkflowSettings } from './workflow-settings';

/**
 * The organic gate: a post earns a Spark Ad only after its organic life (48 h by default) shows enough
 * completion at 15 s and comments that are not mixed or negative. What was not measured is unknown,
 * never a pass. Readings are added over time; the latest decides. Pure: `now` is a parameter.
 */

export const SENTIMENTS = ['positive', 'mixed', 'negative'] as const;
export const sentimentSchema = z.enum(SENTIMENTS);
export type Sentiment = z.infer<typeof sentimentSchema>;

/** Spark Ads existed from 2019: a post from before is a typo. */
export const EARLIEST_POST = Date.UTC(2019, 0, 1);
/** Clock skew allowed between the buyer's machine and the moment a post went up. */
export const CLOCK_SKEW = 10 * 60 * 1000;

export const postRecordSchema = z.object({
  /** The post id, or the link itself for short links that carry none. */
  key: z.string().min(1).max(2048),
  url: z.string().min(1).max(2048),
  postId: z.string().nullable(),
  /** The creator in the link, when it names one. */
  handle: z.string().nullable(),
  postedAt: z.number().int(),
  savedAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type PostRecord = z.infer<typeof postRecordSchema>;

const percent = z.number().min(0).max(100);

/** One look at a post's organic numbers, or at a running ad's numbers: both live in the readings table. */
export const readingRecordSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string().min(1),
    kind: z.literal('post'),
    /** The post's key. */
    subject: z.string().min(1),
    at: z.number().int(),
    views: z.number().int().min(0).nullable(),
    completion: percent.nullable(),
    sentiment: sentimentSchema.nullable(),
  }),
  z.object({
    id: z.string().min(1),
    kind: z.literal('performance'),
    /** The code's id. */
    subject: z.string().min(1),
    at: z.number().int(),
    frequency: z.number().min(0).max(1000).nullable(),
    completionRate: percent.nullable(),
    sentiment: sentimentSchema.nullable(),
  }),
]);
export type ReadingRecord = z.infer<typeof readingRecordSchema>;
export type PostReading = Extract<ReadingRecord, { kind: 'post' }>;
export type PerformanceReading = Extract<ReadingRecord, { kind: 'performance' }>;

/** The key a code's post is found by: its id, or its link when it has none. */
export function postKeyOf(ref: { postId: string | null; url: string }): string {
  return ref.postId ?? ref.url;
}

// ---- reading what the buyer typed ----

export const postDraftInputSchema = z.object({
  url: z.string().max(4096),
  /** Epoch ms, or null when the field is empty or not a date. */
  postedAt: z.number().int().nullable(),
  views: z.string().max(100),
  completion: z.string().max(100),
  /** "" when not given. */
  sentiment: z.union([sentimentSchema, z.literal('')]),
});
export type PostDraftInput = z.infer<typeof postDraftInputSchema>;
export type PostField = 'url' | 'postedAt' | 'views' | 'completion' | 'sentiment';
export type FieldResult<T, F extends string> = { ok: true; value: T } | { ok: false; field: F; message: string };

export interface PostDraft {
  key: string;
  url: string;
  postId: string | null;
  handle: string | null;
  postedAt: number;
  views: number | null;
  completion: number | null;
  sentiment: Sentiment | null;
}

/** A count typed with or without thousands separators: "12,300", "12 300", "12300". Null when empty. */
export function readCount(text: string): { ok: true; value: number | null } | { ok: false; negative: boolean } {
  const t = text.trim().replace(/[\s,\u00a0\u202f]/g, '');
  if (!t) return { ok: true, value: null };
  if (/^-\d/.test(t)) return { ok: false, negative: true };
  if (!/^\d+$/.test(t)) return { ok: false, negative: false };
  return { ok: true, value: Number(t) };
}

/** A percentage, "52", "52.5", "52,5" or "52 %". Null when empty. */
export function readPercent(text: string): { ok: true; value: number | null } | { ok: false } {
  const t = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (!t) return { ok: true, value: null };
  if (!/^-?\d+(?:\.\d+)?$/.test(t)) return { ok: false };
  const n = Number(t);
  if (n < 0 || n > 100) return { ok: false };
  return { ok: true, value: n };
}

export function parsePostDraft(input: PostDraftInput, now: number): FieldResult<PostDraft, PostField> {
  const fail = (field: PostField, message: string) => ({ ok: false as const, field, message });
  const ref = parsePostUrl(input.url);
  if (!ref.ok) return fail('url', ref.message);
  if (input.postedAt === null) return fail('postedAt', 'Enter when the creator posted the video.');
  if (input.postedAt > now + CLOCK_SKEW) return fail('postedAt', '“Posted at” is in the future: enter when the video went up.');
  if (input.postedAt < EARLIEST_POST) return fail('postedAt', '“Posted at” is before Spark Ads existed (2019): check the year.');
  const views = readCount(input.views);
  if (!views.ok) {
    return fail('views', views.negative ? 'Views can’t be negative: enter the view count TikTok shows, for example 12300.' : 'Enter views as a whole number, for example 12300.');
  }
  const completion = readPercent(input.completion);
  if (!completion.ok) {
    return fail('completion', 'Completion at 15 s is a percentage from 0 to 100, for example 64.');
  }
  return {
    ok: true,
    value: {
      key: postKeyOf(ref.value),
      url: ref.value.url,
      postId: ref.value.postId,
      handle: ref.value.handle,
      postedAt: input.postedAt,
      views: views.value,
      completion: completion.value,
      sentiment: input.sentiment === '' ? null : input.sentiment,
    },
  };
}

// ---- the verdict ----

export type Verdict =
  | { kind: 'wait'; until: number; hours: number }
  | { kind: 'unknown'; missing: ('completion' | 'sentiment')[] }
  | { kind: 'dontPromote'; reasons: string[] }
  | { kind: 'candidate' };

/** The latest reading (by time; the later stored wins a tie), or null. */
export function latest<T extends { at: number }>(readings: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of readings) if (best === null || r.at >= best.at) best = r;
  return best;
}

/** "52", "52.5": a percentage as the buyer typed it, without trailing zeros. */
export function formatPercent(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * Whether a post may be promoted at `now`. Its organic life comes first: until it is over (reached
 * exactly counts as over) the numbers are not final. Then the latest reading decides: a completion
 * under the threshold (reached exactly is enough) or comments that are mixed or negative say no; a
 * number not measured leaves the verdict unknown.
 */
export function gateVerdict(
  post: Pick<PostRecord, 'postedAt'>,
  readings: readonly Pick<PostReading, 'at' | 'completion' | 'sentiment'>[],
  now: number,
  settings: Pick<WorkflowSettings, 'organicWaitHours' | 'minCompletion'>,
): Verdict {
  const until = post.postedAt + settings.organicWaitHours * HOUR;
  if (now < until) return { kind: 'wait', until, hours: settings.organicWaitHours };
  const last = latest(readings);
  const reasons: string[] = [];
  if (last?.completion != null && last.completion < settings.minCompletion) {
    reasons.push(`completion ${formatPercent(last.completion)} % is under ${formatPercent(settings.minCompletion)} %`);
  }
  if (last?.sentiment === 'mixed') reasons.push('comments are mixed');
  if (last?.sentiment === 'negative') reasons.push('comments are negative');
  if (reasons.length) return { kind: 'dontPromote', reasons };
  const missing: ('completion' | 'sentiment')[] = [];
  if (last?.completion == null) missing.push('completion');
  if (last?.sentiment == null) missing.push('sentiment');
  if (missing.length) return { kind: 'unknown', missing };
  return { kind: 'candidate' };
}

/** "Fri 14:00" within the coming week; with the date when further. */
function whenText(at: number, now: number): string {
  return at - now < 6 * 24 * HOUR ? format(at, 'EEE HH:mm') : format(at, 'EEE d MMM HH:mm');
}

const MISSING_WORDS = { completion: 'completion at 15 s', sentiment: 'comment sentiment' } as const;

/** The verdict in words: "Wait until Fri 14:00 (48 h of organic life)", "Candidate for a Spark Ad", … */
export function verdictText(verdict: Verdict, now: number): string {
  switch (verdict.kind) {
    case 'wait':
      return `Wait until ${whenText(verdict.until, now)} (${verdict.hours} h of organic life)`;
    case 'candidate':
      return 'Candidate for a Spark Ad';
    case 'dontPromote':
      return `Don't promote: ${verdict.reasons.join('; ')}`;
    case 'unknown':
      return `Not judged yet: add ${verdict.missing.map((m) => MISSING_WORDS[m]).join(' and ')}`;
  }
}

/** What the popup says when a code is saved for a post the gate does not pass. */
export const NOT_A_CANDIDATE_WARNING = "The organic numbers for this post don't support promoting it yet";
