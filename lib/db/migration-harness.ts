import Dexie from 'dexie';

/**
 * Test harness for schema migrations: build a database exactly as an OLD version of the schema left
 * it, with raw rows as that version stored them, then open it with the current schema and read every
 * row back. Only tests import this file.
 *
 * Keep each old version's store definition frozen in schema.ts (V1_STORES, V2_STORES, ...): a
 * migration test seeds with the old constant, never with whatever the schema says today.
 */

export interface SchemaSnapshot {
  version: number;
  /** Dexie store definitions of that version, e.g. V1_STORES. */
  stores: Record<string, string | null>;
}

/** Creates database `name` at `snapshot.version` holding `rows` (table name -> raw rows), then closes it. */
export async function seedDatabase(
  name: string,
  snapshot: SchemaSnapshot,
  rows: Record<string, readonly unknown[]>,
): Promise<void> {
  const db = new Dexie(name);
  db.version(snapshot.version).stores(snapshot.stores);
  await db.open();
  try {
    await db.transaction('rw', db.tables, async () => {
      for (const [table, items] of Object.entries(rows)) {
        await db.table(table).bulkAdd([...items]);
      }
    });
  } finally {
    db.close();
  }
}

/** Every row of every table of an opened database, in primary-key order, keyed by table name. */
export async function readAllRows(db: Dexie): Promise<Record<string, unknown[]>> {
  if (!db.isOpen()) await db.open();
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/** The same rows sorted by one key, so expected and actual compare regardless of insertion order. */
export function byKey<T extends Record<string, unknown>>(rows: readonly T[], key: keyof T & string): T[] {
  // Plain code-unit order, as IndexedDB orders string keys.
  return [...rows].sort((a, b) => {
    const x = String(a[key]);
    const y = String(b[key]);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
