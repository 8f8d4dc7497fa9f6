import type { CodeDraftInput, CodeRecord } from '../domain/code';
import { openDb, type SparkGuardDb } from './schema';

/** Shared inputs for the database tests. */

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
/** A fixed "now": Tue 10 March 2026, 14:00 in New York (the tests' zone). */
export const NOW = Date.UTC(2026, 2, 10, 18, 0);

export const POST_URL = 'https://www.tiktok.com/@mia.creates/video/7301234567890123456';
export const OTHER_POST_URL = 'https://www.tiktok.com/@mia.creates/video/7309999999999999999';
export const CODE = '#AbCdEfGhIjKlMnOpQrStUvWx=';
export const ACCOUNT = '7012345678901234567';
export const OTHER_ACCOUNT = '7099999999999999999';

/** A fresh, empty database: each test gets its own name, so tests never see each other's rows. */
export function freshDb(): SparkGuardDb {
  return openDb(`test-${crypto.randomUUID()}`);
}

/** What the buyer would type for a 30-day code made a day ago. */
export function draftInput(over: Partial<CodeDraftInput> = {}): CodeDraftInput {
  return {
    handle: '@mia.creates',
    postUrl: POST_URL,
    code: CODE,
    adAccount: ACCOUNT,
    validity: '30',
    customEndsAt: null,
    createdAt: NOW - DAY,
    notes: '',
    renews: null,
    ...over,
  };
}

/** A stored record, for tests that need a code at a given expiry without going through the form. */
export function record(over: Partial<CodeRecord> = {}): CodeRecord {
  return {
    id: crypto.randomUUID(),
    handle: 'mia.creates',
    postUrl: POST_URL,
    postId: '7301234567890123456',
    code: `#${crypto.randomUUID().replaceAll('-', '')}`,
    adAccountId: ACCOUNT,
    validity: { kind: 'days', days: 30 },
    createdAt: NOW - 20 * DAY,
    expiresAt: NOW + 10 * DAY,
    notes: '',
    status: 'live',
    renews: null,
    replacedBy: null,
    savedAt: NOW - 20 * DAY,
    updatedAt: NOW - 20 * DAY,
    reminders: {},
    shown: {},
    ...over,
  };
}
