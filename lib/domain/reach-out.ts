import { format } from 'date-fns';
import type { CodeRecord } from './code';
import { HOUR, type Stage } from './expiry';

/**
 * Reaching out to a creator for a new code: which codes offer it, the message to send, and what an
 * item says when swap time comes and no new code arrived. Pure.
 */

const DAY = 24 * HOUR;

/** Codes in these stages offer "Copy message" and "Mark asked". */
export function offersReachOut(stage: Stage): boolean {
  return stage === 'reachOut' || stage === 'swap';
}

/**
 * At swap time a live code has, by definition, no newer code yet (a saved renewal replaces it): the
 * creator went silent, and the ad must be swapped or pulled before it quietly stops.
 */
export function silenceText(handle: string): string {
  return `No new code from @${handle}: swap now or pull the ad`;
}

/** The validity to ask for: the one the current code was given (a custom period in whole days). */
export function wantedDays(code: Pick<CodeRecord, 'validity' | 'createdAt' | 'expiresAt'>): number {
  if (code.validity.kind === 'days') return code.validity.days;
  return Math.max(1, Math.round((code.expiresAt - code.createdAt) / DAY));
}

/** The message to the creator, from the buyer's template: {handle}, {post}, {expires} and {days} are filled in. */
export function reachOutMessage(
  template: string,
  code: Pick<CodeRecord, 'handle' | 'postUrl' | 'validity' | 'createdAt' | 'expiresAt'>,
): string {
  const values: Record<string, string> = {
    '{handle}': `@${code.handle}`,
    '{post}': code.postUrl,
    '{expires}': format(code.expiresAt, "EEE d MMM yyyy 'at' HH:mm"),
    '{days}': String(wantedDays(code)),
  };
  return template.replace(/\{(?:handle|post|expires|days)\}/g, (m) => values[m] ?? m);
}
