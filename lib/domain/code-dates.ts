import type { DraftField } from './code';

/**
 * The dates a Spark Ads code can really have, in one place: the popup's form, CSV imports and backup
 * restores all pass through these rules, and the popup warns about stored codes that break them.
 * Pure: `now` is a parameter.
 */

/** Spark Ads did not exist before 2019: an earlier "Code created" is a typo or a broken file. */
export const SPARK_ADS_START = Date.UTC(2019, 0, 1);
/** How far a device's clock may run ahead of the one that saved the code. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** TikTok's longest validity: no code lasts longer. */
export const MAX_VALIDITY_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_VALIDITY_MS = MAX_VALIDITY_DAYS * DAY_MS;

export interface DateProblem {
  field: Extract<DraftField, 'createdAt' | 'validity'>;
  message: string;
}

/** Why a code cannot have been made at `createdAt`, or null when it can. */
export function createdAtProblem(createdAt: number, now: number): DateProblem | null {
  if (!Number.isSafeInteger(createdAt)) return { field: 'createdAt', message: 'Enter when the creator made the code.' };
  if (createdAt > now + CLOCK_SKEW_MS) {
    return {
      field: 'createdAt',
      message: '“Code created” is in the future. Enter when the creator made the code: now or earlier.',
    };
  }
  if (createdAt < SPARK_ADS_START) {
    return {
      field: 'createdAt',
      message: '“Code created” is before 2019, when Spark Ads began. Check the year.',
    };
  }
  return null;
}

/** Why a code made at `createdAt` cannot end at `expiresAt`, or null when it can. */
export function endProblem(createdAt: number, expiresAt: number): DateProblem | null {
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= createdAt) {
    return { field: 'validity', message: 'The end date must come after the date the code was made.' };
  }
  if (expiresAt - createdAt > MAX_VALIDITY_MS) {
    return {
      field: 'validity',
      message: `The end date is more than ${MAX_VALIDITY_DAYS} days after the code was made, and no Spark Ads code lasts longer. Check the end date.`,
    };
  }
  return null;
}

/**
 * What is wrong with a stored code's dates, in words for its list item, or null. Codes saved before
 * these rules existed may break them: they stay in the ledger, shown with this warning.
 */
export function storedDatesWarning(code: { createdAt: number; expiresAt: number }, now: number): string | null {
  if (code.createdAt > now + CLOCK_SKEW_MS) return 'Check its dates: it says the code was made in the future, so its countdown is wrong.';
  if (code.createdAt < SPARK_ADS_START) return 'Check its dates: it says the code was made before 2019, when Spark Ads began.';
  if (code.expiresAt <= code.createdAt) return 'Check its dates: it says the code ends before it was made.';
  if (code.expiresAt - code.createdAt > MAX_VALIDITY_MS) {
    return `Check its dates: it says the code lasts more than ${MAX_VALIDITY_DAYS} days, longer than any Spark Ads code.`;
  }
  return null;
}
