import type { CodeRecord, ReminderKind } from '../../lib/domain/code';
import { stageOf, type ReminderSettings, type Stage } from '../../lib/domain/expiry';
import { formatCountdown } from '../../lib/time/countdown';
import { storedDatesWarning } from '../../lib/domain/code-dates';

/**
 * What the popup list shows, derived from stored codes in one pass. Kept apart from the components
 * so the list can be rebuilt cheaply (once per tick or change, with one `now`) and tested without a DOM.
 */

export type StageFilter = Stage | 'all';

export interface ListFilters {
  /** An ad account id, or '' for all accounts. */
  adAccount: string;
  stage: StageFilter;
  /** Replaced codes are history: hidden unless asked for. */
  showReplaced: boolean;
}

export const NO_FILTERS: ListFilters = { adAccount: '', stage: 'all', showReplaced: false };

export type SentReminders = Partial<Record<ReminderKind, number>>;

export interface CodeView {
  code: CodeRecord;
  stage: Stage;
  countdown: string;
  /** Reminders confirmed on screen; ones only decided, or overtaken after a sleep, are left out. */
  sent: SentReminders;
  /** What is wrong with its dates, for a code saved before the date rules (see code-dates.ts); kept, never dropped. */
  warning: string | null;
}

const NONE_SENT: SentReminders = {};

/** The reminders confirmed on screen. Records are kept while unchanged (see reuseUnchanged), so an
 * item sees the same object on every tick and does not re-render for it. */
function sentOf(code: CodeRecord): SentReminders {
  const { reachOut, swap, expired } = code.shown;
  return reachOut === undefined && swap === undefined && expired === undefined ? NONE_SENT : code.shown;
}

/** Live codes need the buyer; pulled ones no longer do; replaced ones are history. */
const STATUS_RANK: Record<CodeRecord['status'], number> = { live: 0, pulled: 1, replaced: 2 };

/**
 * Most urgent first: live codes by expiry (the expired, then the soonest to expire, which is their
 * stage order too), then pulled codes, then replaced ones. Ties keep a stable order so items do not
 * jump between renders. Needs no clock: the order of live codes by expiry is the order of their stages.
 */
export function sortByUrgency(codes: readonly CodeRecord[]): CodeRecord[] {
  return [...codes].sort(
    (a, b) =>
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
      a.expiresAt - b.expiresAt ||
      a.handle.localeCompare(b.handle) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Every ad account in the ledger, once, in numeric-looking order. */
export function adAccountsOf(codes: readonly CodeRecord[]): string[] {
  return [...new Set(codes.map((c) => c.adAccountId))].sort(
    (a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0),
  );
}

export function isFiltering(filters: ListFilters): boolean {
  return filters.adAccount !== '' || filters.stage !== 'all';
}

/**
 * The visible items, in the order given (pass codes already sorted by {@link sortByUrgency}). Only
 * what changes with the clock is computed here; dates are formatted by the items themselves, so
 * the first frame formats only the codes it paints.
 */
export function viewCodes(
  sorted: readonly CodeRecord[],
  filters: ListFilters,
  now: number,
  settings: ReminderSettings,
): CodeView[] {
  const out: CodeView[] = [];
  for (const code of sorted) {
    if (filters.adAccount && code.adAccountId !== filters.adAccount) continue;
    const stage = stageOf(code, now, settings);
    if (filters.stage !== 'all' ? stage !== filters.stage : stage === 'replaced' && !filters.showReplaced) continue;
    out.push({ code, stage, countdown: formatCountdown(code.expiresAt, now), sent: sentOf(code), warning: storedDatesWarning(code, now) });
  }
  return out;
}

/** Where a code sits relative to the filters: shown, hidden only because it is replaced, or filtered out. */
export function visibilityOf(
  code: CodeRecord,
  filters: ListFilters,
  now: number,
  settings: ReminderSettings,
): 'shown' | 'replacedHidden' | 'filtered' {
  const stage = stageOf(code, now, settings);
  if (filters.adAccount && code.adAccountId !== filters.adAccount) return 'filtered';
  if (filters.stage !== 'all') return stage === filters.stage ? 'shown' : 'filtered';
  return stage === 'replaced' && !filters.showReplaced ? 'replacedHidden' : 'shown';
}

function sameRecord(a: CodeRecord, b: CodeRecord): boolean {
  return (
    a.id === b.id &&
    a.expiresAt === b.expiresAt &&
    a.updatedAt === b.updatedAt &&
    a.status === b.status &&
    a.handle === b.handle &&
    a.postUrl === b.postUrl &&
    a.postId === b.postId &&
    a.code === b.code &&
    a.adAccountId === b.adAccountId &&
    a.createdAt === b.createdAt &&
    a.savedAt === b.savedAt &&
    a.notes === b.notes &&
    a.renews === b.renews &&
    a.replacedBy === b.replacedBy &&
    a.validity.kind === b.validity.kind &&
    (a.validity.kind === 'days'
      ? b.validity.kind === 'days' && a.validity.days === b.validity.days
      : b.validity.kind === 'custom' && a.validity.endsAt === b.validity.endsAt) &&
    a.reminders.reachOut === b.reminders.reachOut &&
    a.reminders.swap === b.reminders.swap &&
    a.reminders.expired === b.reminders.expired &&
    a.shown.reachOut === b.shown.reachOut &&
    a.shown.swap === b.shown.swap &&
    a.shown.expired === b.shown.expired
  );
}

/**
 * Every database change re-reads all codes as new objects. Keeping the previous object for each
 * unchanged code (and the previous array when nothing changed) lets the list re-render only the
 * codes that really changed.
 */
export function reuseUnchanged(prev: readonly CodeRecord[] | undefined, next: readonly CodeRecord[]): readonly CodeRecord[] {
  if (!prev || prev.length === 0) return next;
  const byId = new Map(prev.map((c) => [c.id, c]));
  let changed = prev.length !== next.length;
  const out = next.map((c, i) => {
    const old = byId.get(c.id);
    if (old && sameRecord(old, c)) {
      if (prev[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return c;
  });
  return changed ? out : prev;
}
