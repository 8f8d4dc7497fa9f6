import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { SparkGuardDb } from '../../lib/db/schema';
import { CodesSection } from './CodesSection';
import { CreatorsSection } from './CreatorsSection';
import { readWorkspace } from './data';
import { PostsSection } from './PostsSection';
import { SettingsSection } from './SettingsSection';

/**
 * The workspace: creators and their readiness, posts and the organic gate, reach-out and the
 * performance review of live codes, and the thresholds behind them. It reads the database live and
 * writes only through messages to the background.
 */

const TICK_MS = 30_000;

export function App({ db }: { db: SparkGuardDb }) {
  const data = useLiveQuery(() => readWorkspace(db), [db]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const now = useMemo(() => Date.now(), [data, tick]);

  return (
    <main className="workspace">
      <h1>Creators and posts</h1>
      {data ? (
        <>
          <CreatorsSection data={data} now={now} />
          <PostsSection data={data} now={now} />
          <CodesSection data={data} now={now} />
          <SettingsSection data={data} />
        </>
      ) : (
        <p>Reading your creators and posts…</p>
      )}
    </main>
  );
}
