import Dexie, { type EntityTable } from 'dexie';
import type { CodeRecord } from '../domain/code';
import type { ReminderSettings } from '../domain/expiry';

/**
 * The extension's one database. Only the background service worker writes to it; extension pages
 * read it live. Every schema change is a new numbered version below with its own upgrade and a
 * migration test (seed version N, open N+1, check every row): see schema.test.ts.
 */

export const DB_NAME = 'spark-guard';

export interface SettingsRow {
  key: 'reminders';
  value: ReminderSettings;
}

export interface SparkGuardTables {
  codes: EntityTable<CodeRecord, 'id'>;
  settings: EntityTable<SettingsRow, 'key'>;
}

/** Version 1: the code ledger and settings. */
export const V1_STORES = {
  codes: 'id, code, adAccountId, postId, expiresAt, status, handle',
  settings: 'key',
} as const;

export type SparkGuardDb = Dexie & SparkGuardTables;

export function openDb(name: string = DB_NAME): SparkGuardDb {
  const db = new Dexie(name) as SparkGuardDb;
  db.version(1).stores(V1_STORES);
  return db;
}
