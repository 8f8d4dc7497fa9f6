import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { AccountWatch, type AccountWatchItem, type LayoutProblemItem } from '../../components/AccountWatch';
import type { SparkGuardDb } from '../../lib/db/schema';

/** "Seen 14:05" moves to a date after midnight; a minute is fine enough for that. */
const TICK_MS = 60_000;

/** What the Ads Manager overlay last reported, read live from the database the background writes. */
export function useAccountWatch(db: SparkGuardDb): { watch: AccountWatchItem[]; problems: LayoutProblemItem[] } {
  const watch = useLiveQuery(() => db.accountWatch.toArray(), [db]);
  const problems = useLiveQuery(() => db.layoutHealth.orderBy('seenAt').reverse().toArray(), [db]);
  return { watch: watch ?? [], problems: problems ?? [] };
}

export function AccountWatchSection({ db }: { db: SparkGuardDb }) {
  const { watch, problems } = useAccountWatch(db);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return <AccountWatch watch={watch} problems={problems} now={now} />;
}
