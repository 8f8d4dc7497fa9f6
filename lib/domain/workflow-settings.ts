import { z } from 'zod';

/**
 * The thresholds of the Spark workflow around a code: how long a post lives organically before it may
 * be promoted, the completion it needs, the size of the creator pipeline, when a running ad is tired,
 * and the message sent to a creator for a new code. Pure: no DOM, no browser, no clock.
 */

export const DEFAULT_MESSAGE_TEMPLATE =
  'Hi {handle}! The Spark Ads code for your post {post} expires {expires}. ' +
  'Could you turn Ad authorization on for it and send a new code valid for {days} days? Thank you!';

/** The placeholders a message template may use, each filled from the code. */
export const TEMPLATE_PLACEHOLDERS = ['{handle}', '{post}', '{expires}', '{days}'] as const;

export const MAX_TEMPLATE_LENGTH = 2000;

export const workflowSettingsSchema = z
  .object({
    /** Hours of organic life before a post may be promoted. */
    organicWaitHours: z.number().int().min(24).max(168),
    /** Completion at 15 s a post needs, in percent (reached exactly counts as enough). */
    minCompletion: z.number().min(1).max(100),
    /** How many ready creators the pipeline should hold. */
    pipelineMin: z.number().int().min(1).max(500),
    pipelineMax: z.number().int().min(1).max(500),
    /** A running ad is tired when its frequency goes over this. */
    maxFrequency: z.number().min(1).max(50),
    /** A running ad is flagged when its completion rate fell this many percent since its first reading. */
    completionDropPercent: z.number().int().min(1).max(100),
    messageTemplate: z.string().trim().min(1).max(MAX_TEMPLATE_LENGTH),
  })
  .refine((s) => s.pipelineMin <= s.pipelineMax, { path: ['pipelineMax'] });
export type WorkflowSettings = z.infer<typeof workflowSettingsSchema>;

export const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = {
  organicWaitHours: 48,
  minCompletion: 60,
  pipelineMin: 8,
  pipelineMax: 15,
  maxFrequency: 3,
  completionDropPercent: 20,
  messageTemplate: DEFAULT_MESSAGE_TEMPLATE,
};

export type WorkflowField = keyof WorkflowSettings;

/** The settings as typed: strings, one per field. */
export type WorkflowValues = Record<WorkflowField, string>;

export function workflowValues(s: WorkflowSettings): WorkflowValues {
  return {
    organicWaitHours: String(s.organicWaitHours),
    minCompletion: String(s.minCompletion),
    pipelineMin: String(s.pipelineMin),
    pipelineMax: String(s.pipelineMax),
    maxFrequency: String(s.maxFrequency),
    completionDropPercent: String(s.completionDropPercent),
    messageTemplate: s.messageTemplate,
  };
}

const number = (text: string): number | null => {
  const t = text.trim().replace(',', '.');
  return /^\d+(?:\.\d+)?$/.test(t) ? Number(t) : null;
};
const whole = (text: string): number | null => {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
};

export type WorkflowParse =
  | { ok: true; value: WorkflowSettings }
  | { ok: false; field: WorkflowField; message: string };

/** Reads the typed settings; the first problem is named in the buyer's words. */
export function parseWorkflowValues(v: WorkflowValues): WorkflowParse {
  const fail = (field: WorkflowField, message: string): WorkflowParse => ({ ok: false, field, message });
  const wait = whole(v.organicWaitHours);
  if (wait === null || wait < 24 || wait > 168) {
    return fail('organicWaitHours', 'The organic wait is a whole number of hours from 24 to 168 (one week), for example 48.');
  }
  const completion = number(v.minCompletion);
  if (completion === null || completion < 1 || completion > 100) {
    return fail('minCompletion', 'The completion a post needs is a percentage from 1 to 100, for example 60.');
  }
  const min = whole(v.pipelineMin);
  if (min === null || min < 1 || min > 500) {
    return fail('pipelineMin', 'The fewest ready creators is a whole number from 1 to 500, for example 8.');
  }
  const max = whole(v.pipelineMax);
  if (max === null || max < 1 || max > 500) {
    return fail('pipelineMax', 'The most ready creators is a whole number from 1 to 500, for example 15.');
  }
  if (min > max) {
    return fail('pipelineMax', `The pipeline target must run from fewer to more creators: you chose ${min} to ${max}.`);
  }
  const frequency = number(v.maxFrequency);
  if (frequency === null || frequency < 1 || frequency > 50) {
    return fail('maxFrequency', 'The fatigue frequency is a number from 1 to 50, for example 3.0.');
  }
  const drop = whole(v.completionDropPercent);
  if (drop === null || drop < 1 || drop > 100) {
    return fail('completionDropPercent', 'The completion drop is a whole percentage from 1 to 100, for example 20.');
  }
  const template = v.messageTemplate.trim();
  if (!template) return fail('messageTemplate', 'Write the message to send to creators; {handle}, {post}, {expires} and {days} are filled in for you.');
  if (template.length > MAX_TEMPLATE_LENGTH) {
    return fail('messageTemplate', `The message has ${template.length} characters; keep it under ${MAX_TEMPLATE_LENGTH}.`);
  }
  const parsed = workflowSettingsSchema.safeParse({
    organicWaitHours: wait,
    minCompletion: completion,
    pipelineMin: min,
    pipelineMax: max,
    maxFrequency: frequency,
    completionDropPercent: drop,
    messageTemplate: template,
  });
  if (!parsed.success) return fail('organicWaitHours', 'These settings do not fit together. Nothing was changed.');
  return { ok: true, value: parsed.data };
}

/** Stored settings, or the defaults when there are none or the stored row is unreadable (it is never overwritten for that). */
export function readWorkflowSettings(stored: unknown): WorkflowSettings {
  const parsed = workflowSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : { ...DEFAULT_WORKFLOW_SETTINGS };
}
