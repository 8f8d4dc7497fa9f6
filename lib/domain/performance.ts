import { z } from 'zod';
import {
  formatPercent,
  latest,
  readPercent,
  sentimentSchema,
  type FieldResult,
  type PerformanceReading,
} from './organic-gate';
import type { WorkflowSettings } from './workflow-settings';

/**
 * Performance review of a running Spark Ad: its readings over time decide rotation, whatever the CPA.
 * Pure.
 */

/** Flags for one code from its readings, most serious first; none without readings. */
export function performanceFlags(
  readings: readonly Pick<PerformanceReading, 'at' | 'frequency' | 'completionRate' | 'sentiment'>[],
  settings: Pick<WorkflowSettings, 'maxFrequency' | 'completionDropPercent'>,
): string[] {
  const flags: string[] = [];
  const last = latest(readings);
  if (!last) return flags;
  if (last.sentiment === 'negative') flags.push('Rotate out: comments turned negative');
  if (last.frequency !== null && last.frequency > settings.maxFrequency) {
    flags.push(`Fatigue: frequency ${last.frequency.toFixed(1)} is over ${settings.maxFrequency.toFixed(1)}`);
  }
  const measured = [...readings].filter((r) => r.completionRate !== null).sort((a, b) => a.at - b.at);
  const launch = measured[0];
  const now = latest(measured);
  if (launch && now && launch !== now && launch.completionRate! > 0) {
    const drop = ((launch.completionRate! - now.completionRate!) / launch.completionRate!) * 100;
    // A tiny tolerance: 50 % to 40 % is a 20 % fall, even in floating point.
    if (drop >= settings.completionDropPercent - 1e-9) flags.push(`Completion fell ${formatPercent(Math.round(drop * 10) / 10)} % since launch`);
  }
  return flags;
}

export const performanceDraftInputSchema = z.object({
  codeId: z.string().min(1).max(200),
  frequency: z.string().max(100),
  completionRate: z.string().max(100),
  sentiment: z.union([sentimentSchema, z.literal('')]),
});
export type PerformanceDraftInput = z.infer<typeof performanceDraftInputSchema>;
export type PerformanceField = 'codeId' | 'frequency' | 'completionRate' | 'sentiment';

export type PerformanceDraft = Pick<PerformanceReading, 'subject' | 'frequency' | 'completionRate' | 'sentiment'>;

/** Reads one performance reading as typed; at least one number or the sentiment must be given. */
export function parsePerformanceDraft(input: PerformanceDraftInput): FieldResult<PerformanceDraft, PerformanceField> {
  const fail = (field: PerformanceField, message: string) => ({ ok: false as const, field, message });
  const f = input.frequency.trim().replace(',', '.');
  let frequency: number | null = null;
  if (f) {
    if (!/^\d+(?:\.\d+)?$/.test(f) || Number(f) > 1000) {
      return fail('frequency', 'Frequency is how often one person saw the ad on average, a number like 2.4 (never negative).');
    }
    frequency = Number(f);
  }
  const completion = readPercent(input.completionRate);
  if (!completion.ok) return fail('completionRate', 'Completion rate is a percentage from 0 to 100, for example 38.');
  const sentiment = input.sentiment === '' ? null : input.sentiment;
  if (frequency === null && completion.value === null && sentiment === null) {
    return fail('frequency', 'Enter at least one reading: frequency, completion rate or comment sentiment.');
  }
  return { ok: true, value: { subject: input.codeId, frequency, completionRate: completion.value, sentiment } };
}
