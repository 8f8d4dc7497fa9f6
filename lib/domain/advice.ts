import type { CodeRecord, ReminderKind } from './code';
import type { Stage } from './expiry';

/**
 * What each stage asks the buyer to do, in words. The popup shows these next to the countdown so a
 * stage never depends on colour alone.
 */

const LABELS: Record<Stage, string> = {
  active: 'Active',
  reachOut: 'Reach out',
  swap: 'Swap now',
  expired: 'Expired',
  replaced: 'Replaced',
  pulled: 'Pulled',
};

/** A short name for the stage, for badges and filters. */
export function stageLabel(stage: Stage): string {
  return LABELS[stage];
}

/** Stages in the order a filter lists them: most urgent first, history last. */
export const STAGES_IN_FILTER_ORDER: readonly Stage[] = ['expired', 'swap', 'reachOut', 'active', 'pulled', 'replaced'];

/**
 * The next step for a code at this stage. `handle` is stored without the @ (see codeRecordSchema).
 */
export function adviceFor(stage: Stage, handle: string): string {
  switch (stage) {
    case 'reachOut':
      return `Reach out to @${handle} for a new code`;
    case 'swap':
      return 'Swap the code in Ads Manager now';
    case 'expired':
      return 'Expired: renew or pull the ad';
    case 'active':
      return 'No action needed yet';
    case 'replaced':
      return 'Replaced by a newer code';
    case 'pulled':
      return 'Ad pulled';
  }
}

/**
 * The reminders a code really showed the buyer, out of what its record holds. A reminder skipped
 * because a more urgent one overtook it (after the machine slept) is recorded at the same moment as
 * the one shown, so a kind sharing its time with a later kind was never seen.
 * Same rule as lib/db/reminders.ts `sentReminders`, kept free of the database layer so the popup
 * can use it without loading that layer (advice.test.ts checks the two agree).
 */
export function shownReminders(reminders: CodeRecord['reminders']): Partial<Record<ReminderKind, number>> {
  const shown: Partial<Record<ReminderKind, number>> = {};
  KINDS_IN_ORDER.forEach((kind, i) => {
    const at = reminders[kind];
    if (at === undefined) return;
    if (!KINDS_IN_ORDER.slice(i + 1).some((later) => reminders[later] === at)) shown[kind] = at;
  });
  return shown;
}

/**
 * Reminder kinds from least to most urgent. A copy of REMINDER_KINDS (code.ts), whose module also
 * builds the zod schemas the popup does not need; advice.test.ts checks the two match.
 */
export const KINDS_IN_ORDER: readonly ReminderKind[] = ['reachOut', 'swap', 'expired'];
