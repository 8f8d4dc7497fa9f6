import type { CodeRecord, ReminderKind } from './code';

/** When do we nag? Pure rules over stored expiry times; `now` is always a parameter. */

export const HOUR = 60 * 60 * 1000;

/**
 * Reminder kinds from least to most urgent: the record schema (code.ts) is built from this list. It
 * lives here, in a module without zod, so the popup and the content script can use it too.
 */
export const REMINDER_KINDS = ['reachOut', 'swap', 'expired'] as const;

export interface ReminderSettings {
  /** Reach out to the creator this many hours before expiry (default 72). */
  reachOutHours: number;
  /** Swap the code in Ads Manager this many hours before expiry (default 24). */
  swapHours: number;
}
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { reachOutHours: 72, swapHours: 24 };

export type LiveStage = 'active' | 'reachOut' | 'swap' | 'expired';
export type Stage = LiveStage | 'replaced' | 'pulled';

/** Stages ordered by urgency: a higher rank is worse. Terminal stages need nothing. */
export const STAGE_RANK: Record<Stage, number> = {
  replaced: -1,
  pulled: -1,
  active: 0,
  reachOut: 1,
  swap: 2,
  expired: 3,
};

/** The stage of a live code from its expiry alone. A threshold reached exactly counts as reached. */
export function liveStageAt(expiresAt: number, now: number, settings: ReminderSettings): LiveStage {
  const left = expiresAt - now;
  if (left <= 0) return 'expired';
  if (left <= settings.swapHours * HOUR) return 'swap';
  if (left <= settings.reachOutHours * HOUR) return 'reachOut';
  return 'active';
}

export function stageOf(
  code: Pick<CodeRecord, 'status' | 'expiresAt'>,
  now: number,
  settings: ReminderSettings,
): Stage {
  if (code.status === 'replaced') return 'replaced';
  if (code.status === 'pulled') return 'pulled';
  return liveStageAt(code.expiresAt, now, settings);
}

/** Stages that need the buyer to act: they count on the badge. */
export function needsAction(stage: Stage): stage is 'reachOut' | 'swap' | 'expired' {
  return stage === 'reachOut' || stage === 'swap' || stage === 'expired';
}

/** The moment each reminder becomes due. */
export function reminderTimes(expiresAt: number, settings: ReminderSettings): Record<ReminderKind, number> {
  return {
    reachOut: expiresAt - settings.reachOutHours * HOUR,
    swap: expiresAt - settings.swapHours * HOUR,
    expired: expiresAt,
  };
}

const KIND_FOR_STAGE: Partial<Record<LiveStage, ReminderKind>> = {
  reachOut: 'reachOut',
  swap: 'swap',
  expired: 'expired',
};

export interface ReminderPlan {
  /** The one reminder to show now, if any: the latest stage reached and not yet reminded. */
  send: ReminderKind | null;
  /** Earlier reminders the buyer slept through: recorded as handled, never shown late. */
  supersede: ReminderKind[];
}

/**
 * Which reminder a live code owes at `now`. Each kind is owed at most once (the record keeps when it
 * was sent). After a long sleep only the most urgent is shown; the ones it overtook are marked so they
 * never pop up later.
 */
export function planReminder(
  code: Pick<CodeRecord, 'status' | 'expiresAt' | 'reminders'>,
  now: number,
  settings: ReminderSettings,
): ReminderPlan {
  if (code.status !== 'live') return { send: null, supersede: [] };
  const kind = KIND_FOR_STAGE[liveStageAt(code.expiresAt, now, settings)];
  if (!kind) return { send: null, supersede: [] };
  const upTo = REMINDER_KINDS.indexOf(kind);
  const earlier = REMINDER_KINDS.slice(0, upTo).filter((k) => code.reminders[k] === undefined);
  return { send: code.reminders[kind] === undefined ? kind : null, supersede: earlier };
}

/**
 * The reminder for this code's current stage that was decided but never confirmed on screen, if any:
 * the one to show (again). Only the current stage's reminder is owed; one a later stage overtook is
 * never shown late.
 */
export function owedReminder(
  code: Pick<CodeRecord, 'status' | 'expiresAt' | 'reminders' | 'shown'>,
  now: number,
  settings: ReminderSettings,
): ReminderKind | null {
  if (code.status !== 'live') return null;
  const kind = KIND_FOR_STAGE[liveStageAt(code.expiresAt, now, settings)];
  if (!kind) return null;
  return code.reminders[kind] !== undefined && code.shown[kind] === undefined ? kind : null;
}

/** The next moment after `now` at which this code's stage changes, or null when none is left. */
export function nextChangeAt(
  code: Pick<CodeRecord, 'status' | 'expiresAt'>,
  now: number,
  settings: ReminderSettings,
): number | null {
  if (code.status !== 'live') return null;
  const times = Object.values(reminderTimes(code.expiresAt, settings)).filter((t) => t > now);
  return times.length ? Math.min(...times) : null;
}

/** The single "next due" moment over many codes: what one alarm waits for. */
export function nextDueAt(
  codes: Iterable<Pick<CodeRecord, 'status' | 'expiresAt'>>,
  now: number,
  settings: ReminderSettings,
): number | null {
  let next: number | null = null;
  for (const code of codes) {
    const at = nextChangeAt(code, now, settings);
    if (at !== null && (next === null || at < next)) next = at;
  }
  return next;
}

export interface BadgeState {
  count: number;
  worst: 'reachOut' | 'swap' | 'expired' | null;
}

/** The toolbar badge: how many codes need action, and the worst stage among them. */
export function badgeOf(
  codes: Iterable<Pick<CodeRecord, 'status' | 'expiresAt'>>,
  now: number,
  settings: ReminderSettings,
): BadgeState {
  let count = 0;
  let worst: BadgeState['worst'] = null;
  for (const code of codes) {
    const stage = stageOf(code, now, settings);
    if (!needsAction(stage)) continue;
    count += 1;
    if (worst === null || STAGE_RANK[stage] > STAGE_RANK[worst]) worst = stage;
  }
  return { count, worst };
}

/**
 * The reminders a code showed the buyer, judged from its decisions alone: how records written before
 * `shown` existed (and backups without it) are read. A reminder skipped
 * because a more urgent one overtook it (after the machine slept) is recorded at the same moment as
 * the one shown (see planReminder), so a kind sharing its time with a later kind was never seen.
 */
export function shownReminders(reminders: CodeRecord['reminders']): Partial<Record<ReminderKind, number>> {
  const shown: Partial<Record<ReminderKind, number>> = {};
  REMINDER_KINDS.forEach((kind, i) => {
    const at = reminders[kind];
    if (at === undefined) return;
    if (!REMINDER_KINDS.slice(i + 1).some((later) => reminders[later] === at)) shown[kind] = at;
  });
  return shown;
}
