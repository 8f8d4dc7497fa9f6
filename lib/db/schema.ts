import Dexie, { type EntityTable, type Table } from 'dexie';
import type { CodeRecord } from '../domain/code';
import type { CreatorRecord } from '../domain/creator';
import type { PostRecord, ReadingRecord } from '../domain/organic-gate';
import { shownReminders, type ReminderSettings } from '../domain/expiry';

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

/** The Spark workflow's thresholds and message template; read through readWorkflowSettings (unknown until checked). */
export interface WorkflowSettingsRow {
  key: 'workflow';
  value: unknown;
}

/** When the buyer asked the creator of a code for a new one ("Mark asked"). */
export interface ReachOutRow {
  codeId: string;
  askedAt: number;
}

/** The last not-delivering count the overlay read on one list page (campaigns, ad groups, ads) of an ad account. */
export interface AccountWatchRow {
  adAccountId: string;
  pageKind: string;
  url: string;
  notDelivering: number;
  rowsRead: number;
  seenAt: number;
}

/** Something the overlay could not read on an Ads Manager page; removed when that page reads fine again. */
export interface LayoutHealthRow {
  pageKind: string;
  /** In the buyer's words, e.g. "couldn't find the status column". */
  what: string;
  /** 'language': the page is not in English, which the readers need. */
  area: 'preview' | 'list' | 'language';
  pageUrl: string;
  seenAt: number;
}

/** A list row the buyer tied to a ledger code by hand (its name does not carry the creator's handle). */
export interface RowLinkRow {
  adAccountId: string;
  rowName: string;
  codeId: string;
  linkedAt: number;
}

export interface SparkGuardTables {
  codes: EntityTable<CodeRecord, 'id'>;
  settings: EntityTable<SettingsRow | WorkflowSettingsRow, 'key'>;
  accountWatch: Table<AccountWatchRow, [string, string]>;
  layoutHealth: Table<LayoutHealthRow, [string, string]>;
  rowLinks: Table<RowLinkRow, [string, string]>;
  creators: EntityTable<CreatorRecord, 'handle'>;
  posts: EntityTable<PostRecord, 'key'>;
  readings: Table<ReadingRecord, string>;
  reachOuts: EntityTable<ReachOutRow, 'codeId'>;
}

/** Version 1: the code ledger and settings. */
export const V1_STORES = {
  codes: 'id, code, adAccountId, postId, expiresAt, status, handle',
  settings: 'key',
} as const;

/** Version 2: what the Ads Manager overlay saw (counts, unreadable layouts) and the buyer's row links. */
export const V2_STORES = {
  accountWatch: '[adAccountId+pageKind], adAccountId, seenAt',
  layoutHealth: '[pageKind+what], pageKind, seenAt',
  rowLinks: '[adAccountId+rowName], adAccountId, codeId',
} as const;

/**
 * Version 4: the Spark workflow around the code. Creators (with their toggle screenshot as a Blob),
 * posts, readings over time (a post's organic numbers, kind "post", and a running code's numbers,
 * kind "performance", found by kind and subject), and when a creator was asked for a new code.
 */
export const V4_STORES = {
  creators: 'handle',
  posts: 'key, handle',
  readings: 'id, [kind+subject], at',
  reachOuts: 'codeId',
} as const;

export type SparkGuardDb = Dexie & SparkGuardTables;

export function openDb(name: string = DB_NAME): SparkGuardDb {
  const db = new Dexie(name) as SparkGuardDb;
  db.version(1).stores(V1_STORES);
  // Only adds tables: version 1 rows stay as they are, so no upgrade function is needed.
  db.version(2).stores(V2_STORES);
  // No new tables or indexes: every code gains `shown`, the reminders confirmed on screen. Earlier
  // versions only recorded decisions, so the ones a later reminder did not overtake count as shown.
  db.version(3)
    .stores({})
    .upgrade((tx) =>
      tx
        .table('codes')
        .toCollection()
        .modify((code: CodeRecord) => {
          code.shown ??= shownReminders(code.reminders ?? {});
        }),
    );
  // Only adds tables: earlier rows stay as they are.
  db.version(4).stores(V4_STORES);
  return db;
}
