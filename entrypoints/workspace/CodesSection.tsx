import { useId, useMemo, useState, type FormEvent } from 'react';
import type { CodeRecord } from '../../lib/domain/code';
import { adviceFor, stageLabel } from '../../lib/domain/advice';
import { stageOf } from '../../lib/domain/expiry';
import { SENTIMENTS, type PerformanceReading, type Sentiment } from '../../lib/domain/organic-gate';
import { performanceFlags } from '../../lib/domain/performance';
import { offersReachOut, reachOutMessage } from '../../lib/domain/reach-out';
import { formatCountdown, formatWhen } from '../../lib/time/countdown';
import { sendMessage } from '../../lib/messaging/protocol';
import { readingsBySubject, type WorkspaceData } from './data';
import { Feedback, NOT_RESPONDING, type Note } from '../../components/Feedback';
import { SENTIMENT_NAMES } from './PostsSection';

/** Live codes: reach-out (message and when asked), and the performance review with its flags. */

interface Form {
  codeId: string;
  frequency: string;
  completionRate: string;
  sentiment: Sentiment | '';
}

export function CodesSection({ data, now }: { data: WorkspaceData; now: number }) {
  const live = useMemo(() => data.codes.filter((c) => c.status === 'live').sort((a, b) => a.expiresAt - b.expiresAt), [data.codes]);
  const byKey = useMemo(() => readingsBySubject(data.readings), [data.readings]);
  const asked = useMemo(() => new Map(data.reachOuts.map((r) => [r.codeId, r.askedAt])), [data.reachOuts]);
  const [note, setNote] = useState<Note | null>(null);
  const [readingNote, setReadingNote] = useState<Note | null>(null);
  const [form, setForm] = useState<Form>({ codeId: '', frequency: '', completionRate: '', sentiment: '' });
  const ids = { code: useId(), frequency: useId(), completion: useId(), sentiment: useId() };
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const codeId = form.codeId || live[0]?.id || '';

  const copyMessage = async (code: CodeRecord) => {
    try {
      await navigator.clipboard.writeText(reachOutMessage(data.workflow.messageTemplate, code));
      setNote({ text: `Message for @${code.handle} copied: paste it where you talk to them.`, tone: 'info' });
    } catch {
      setNote({ text: 'Could not copy the message: the browser did not allow it. Try again with this window focused.', tone: 'error' });
    }
  };
  const markAsked = async (code: CodeRecord) => {
    try {
      const answer = await sendMessage('markAsked', { id: code.id });
      setNote(answer.ok ? { text: `Marked asked: @${code.handle}.`, tone: 'info' } : { text: answer.message, tone: 'error' });
    } catch {
      setNote({ text: NOT_RESPONDING, tone: 'error' });
    }
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const answer = await sendMessage('savePerformanceReading', { ...form, codeId });
      if (!answer.ok) return setReadingNote({ text: answer.message, tone: 'error' });
      setReadingNote({ text: 'Reading saved.', tone: 'info' });
      setForm((f) => ({ ...f, frequency: '', completionRate: '', sentiment: '' }));
    } catch {
      setReadingNote({ text: NOT_RESPONDING, tone: 'error' });
    }
  };

  return (
    <section aria-labelledby="codes-heading">
      <h2 id="codes-heading">Live codes</h2>
      <p className="intro">
        Reach out for a new code before one expires, and review how each running ad does: frequency, completion and
        comments decide when to rotate it, whatever the CPA.
      </p>
      <ul aria-label="Live codes" className="cards">
        {live.map((code) => {
          const stage = stageOf(code, now, data.reminders);
          const flags = performanceFlags((byKey.get(`performance:${code.id}`) ?? []) as PerformanceReading[], data.workflow);
          const askedAt = asked.get(code.id);
          const who = `@${code.handle}`;
          return (
            <li key={code.id} className={`code-card stage-${stage}`}>
              <h3>
                {stageLabel(stage)} {who} · {formatCountdown(code.expiresAt, now)}
              </h3>
              <p>{adviceFor(stage, code.handle)}</p>
              {askedAt !== undefined ? <p>Asked {formatWhen(askedAt, now)}</p> : null}
              {flags.map((flag) => (
                <p key={flag} className="flag">
                  {flag}
                </p>
              ))}
              {offersReachOut(stage) ? (
                <div className="actions">
                  <button type="button" aria-label={`Copy message for ${who}`} onClick={() => void copyMessage(code)}>
                    Copy message
                  </button>
                  <button type="button" aria-label={`Mark asked: ${who}`} onClick={() => void markAsked(code)}>
                    Mark asked
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {live.length === 0 ? <p className="hint">No live codes: add one in the popup.</p> : null}
      <Feedback note={note} />

      {live.length > 0 ? (
        <div role="group" aria-labelledby="review-heading">
          <h3 id="review-heading">Performance review</h3>
          <form className="grid-form" onSubmit={(e) => void onSubmit(e)} noValidate>
            <div className="field">
              <label htmlFor={ids.code}>Code</label>
              <select id={ids.code} value={codeId} onChange={(e) => set('codeId', e.currentTarget.value)}>
                {live.map((c) => (
                  <option key={c.id} value={c.id}>
                    @{c.handle}, ad account {c.adAccountId}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.frequency}>Frequency</label>
              <input id={ids.frequency} inputMode="decimal" value={form.frequency} onChange={(e) => set('frequency', e.currentTarget.value)} />
            </div>
            <div className="field">
              <label htmlFor={ids.completion}>Completion rate (%)</label>
              <input id={ids.completion} inputMode="decimal" value={form.completionRate} onChange={(e) => set('completionRate', e.currentTarget.value)} />
            </div>
            <div className="field">
              <label htmlFor={ids.sentiment}>Comment sentiment</label>
              <select id={ids.sentiment} value={form.sentiment} onChange={(e) => set('sentiment', e.currentTarget.value as Sentiment | '')}>
                <option value="">Not checked</option>
                {SENTIMENTS.map((s) => (
                  <option key={s} value={s}>
                    {SENTIMENT_NAMES[s]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Save reading</button>
          </form>
          <Feedback note={readingNote} />
        </div>
      ) : null}
    </section>
  );
}
