import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  formatPercent,
  gateVerdict,
  latest,
  SENTIMENTS,
  verdictText,
  type PostReading,
  type PostRecord,
  type Sentiment,
} from '../../lib/domain/organic-gate';
import { plural } from '../../lib/domain/plural';
import { formatDateTime, fromDateTimeLocalValue, toDateTimeLocalValue } from '../../lib/time/countdown';
import { sendMessage } from '../../lib/messaging/protocol';
import { readingsBySubject, type WorkspaceData } from './data';
import { Feedback, NOT_RESPONDING, type Note } from '../../components/Feedback';

/** Posts and the organic gate: the form, and each post with its verdict and why. */

export const SENTIMENT_NAMES: Record<Sentiment, string> = { positive: 'Positive', mixed: 'Mixed', negative: 'Negative' };

interface Form {
  url: string;
  postedAt: string;
  views: string;
  completion: string;
  sentiment: Sentiment | '';
}
const EMPTY: Form = { url: '', postedAt: '', views: '', completion: '', sentiment: '' };

function readingText(r: PostReading | null): string {
  if (!r) return 'No readings yet';
  const parts = [
    r.views !== null ? `${r.views.toLocaleString('en-US')} views` : null,
    r.completion !== null ? `${formatPercent(r.completion)} % at 15 s` : null,
    r.sentiment !== null ? `comments ${r.sentiment}` : null,
  ].filter(Boolean);
  return `Latest: ${parts.join(' · ')}`;
}

export function PostsSection({ data, now }: { data: WorkspaceData; now: number }) {
  const byKey = useMemo(() => readingsBySubject(data.readings), [data.readings]);
  const posts = useMemo(() => [...data.posts].sort((a, b) => b.postedAt - a.postedAt), [data.posts]);
  const [form, setForm] = useState<Form>(EMPTY);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const urlInput = useRef<HTMLInputElement>(null);
  const ids = { url: useId(), posted: useId(), views: useId(), completion: useId(), sentiment: useId(), hint: useId() };
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const onAddReading = (post: PostRecord) => {
    setForm({ ...EMPTY, url: post.url, postedAt: toDateTimeLocalValue(post.postedAt) });
    setNote(null);
    urlInput.current?.focus();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const answer = await sendMessage('savePost', { ...form, postedAt: fromDateTimeLocalValue(form.postedAt) });
      if (!answer.ok) return setNote({ text: answer.message, tone: 'error' });
      setNote({ text: answer.reading ? 'Saved the post and its numbers.' : 'Saved the post. Add its numbers when you have them.', tone: 'info' });
      setForm(EMPTY);
    } catch {
      setNote({ text: NOT_RESPONDING, tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="posts-heading">
      <h2 id="posts-heading">Posts</h2>
      <p className="intro">
        A post earns a Spark Ad after {data.workflow.organicWaitHours} h of organic life, with at least{' '}
        {formatPercent(data.workflow.minCompletion)} % completion at 15 s and positive comments. Save it again with new
        numbers at any time: the latest decide.
      </p>
      <form className="grid-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field wide">
          <label htmlFor={ids.url}>TikTok post URL</label>
          <input id={ids.url} ref={urlInput} value={form.url} onChange={(e) => set('url', e.currentTarget.value)} inputMode="url" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={ids.posted}>Posted at</label>
          <input id={ids.posted} type="datetime-local" value={form.postedAt} onChange={(e) => set('postedAt', e.currentTarget.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.views}>Views</label>
          <input id={ids.views} inputMode="numeric" value={form.views} onChange={(e) => set('views', e.currentTarget.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.completion}>Completion at 15 s (%)</label>
          <input id={ids.completion} inputMode="decimal" value={form.completion} onChange={(e) => set('completion', e.currentTarget.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.sentiment}>Comment sentiment</label>
          <select id={ids.sentiment} value={form.sentiment} onChange={(e) => set('sentiment', e.currentTarget.value as Sentiment | '')}>
            <option value="">Not checked yet</option>
            {SENTIMENTS.map((s) => (
              <option key={s} value={s}>
                {SENTIMENT_NAMES[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy}>
          Save post
        </button>
      </form>
      <Feedback note={note} />
      <ul aria-label="Posts" className="cards">
        {posts.map((post) => {
          const readings = (byKey.get(`post:${post.key}`) ?? []) as PostReading[];
          const verdict = gateVerdict(post, readings, now, data.workflow);
          const label = post.handle ? `@${post.handle}, post …${(post.postId ?? post.url).slice(-7)}` : `post …${post.url.slice(-12)}`;
          return (
            <li key={post.key} className={`post verdict-${verdict.kind}`}>
              <h3>
                <a href={post.url} target="_blank" rel="noopener noreferrer">
                  {label}
                </a>
              </h3>
              <p className="verdict">{verdictText(verdict, now)}</p>
              <p>
                Posted {formatDateTime(post.postedAt, now)} · {plural(readings.length, 'reading', 'readings')}
              </p>
              <p>{readingText(latest(readings))}</p>
              <button type="button" aria-label={`Add reading: ${label}`} onClick={() => onAddReading(post)}>
                Add reading
              </button>
            </li>
          );
        })}
      </ul>
      {posts.length === 0 ? <p className="hint">No posts yet.</p> : null}
    </section>
  );
}
