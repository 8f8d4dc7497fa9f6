import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { creatorViews, pipelineHealth, readinessText, type CreatorView } from '../../lib/domain/creator';
import { screenshotProblem } from '../../lib/domain/screenshot';
import { formatDateTime } from '../../lib/time/countdown';
import { plural } from '../../lib/domain/plural';
import { sendMessage } from '../../lib/messaging/protocol';
import type { WorkspaceData } from './data';
import { Feedback, NOT_RESPONDING, type Note } from '../../components/Feedback';

/** Creators: the form, pipeline health, and every creator of the ledger with their readiness. */

interface Form {
  handle: string;
  region: string;
  contact: string;
  regionConfirmed: boolean;
  toggleSeenOn: boolean;
}
const EMPTY: Form = { handle: '', region: '', contact: '', regionConfirmed: false, toggleSeenOn: false };

/** The file's bytes as base64, for the message to the background. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/** A stored picture, drawn from its Blob. */
function Thumbnail({ blob, alt }: { blob: Blob; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url ? <img className="thumbnail" src={url} alt={alt} /> : null;
}

function CreatorItem({ view, now, onEdit }: { view: CreatorView; now: number; onEdit(view: CreatorView): void }) {
  const who = `@${view.handle}`;
  const r = view.record;
  return (
    <li className={`creator readiness-${view.readiness}`}>
      <h3>{who}</h3>
      <p className="readiness">{readinessText(view.readiness)}</p>
      <p>
        {r?.region ? `Region: ${r.region}` : 'Region not entered'}
        {r?.contact ? ` · Contact: ${r.contact}` : ''}
        {r ? '' : ' · From your codes'}
      </p>
      <p>
        {view.liveCodes > 0
          ? `${plural(view.liveCodes, 'live code', 'live codes')} · next expiry ${formatDateTime(view.nextExpiry!, now)}`
          : 'No live codes'}
      </p>
      {r?.screenshot ? <Thumbnail blob={r.screenshot.blob} alt={`Toggle screenshot of ${who}`} /> : null}
      <button type="button" aria-label={`Edit creator ${who}`} onClick={() => onEdit(view)}>
        Edit
      </button>
    </li>
  );
}

export function CreatorsSection({ data, now }: { data: WorkspaceData; now: number }) {
  const views = useMemo(() => creatorViews(data.creators, data.codes, now), [data.creators, data.codes, now]);
  const health = pipelineHealth(views, data.workflow.pipelineMin, data.workflow.pipelineMax);
  const [form, setForm] = useState<Form>(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const handleInput = useRef<HTMLInputElement>(null);
  const ids = { handle: useId(), region: useId(), contact: useId(), confirmed: useId(), toggle: useId(), shot: useId(), hint: useId() };

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const onEdit = (view: CreatorView) => {
    const r = view.record;
    setForm({
      handle: `@${view.handle}`,
      region: r?.region ?? '',
      contact: r?.contact ?? '',
      regionConfirmed: r?.regionConfirmed ?? false,
      toggleSeenOn: r?.toggleSeenOn ?? false,
    });
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
    setNote(null);
    handleInput.current?.focus();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      let screenshot: { name: string; base64: string } | null = null;
      if (file) {
        const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
        const problem = screenshotProblem({ name: file.name, size: file.size, head });
        if (problem) return setNote({ text: problem, tone: 'error' });
        screenshot = { name: file.name, base64: await base64Of(file) };
      }
      const answer = await sendMessage('saveCreator', { ...form, screenshot, removeScreenshot: false });
      if (!answer.ok) return setNote({ text: answer.message, tone: 'error' });
      setNote({ text: `Saved @${answer.handle}.`, tone: 'info' });
      setForm(EMPTY);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
    } catch {
      setNote({ text: NOT_RESPONDING, tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="creators-heading">
      <h2 id="creators-heading">Creators</h2>
      <p className={`health health-${health.state}`}>
        <strong>{health.text}</strong>
        {health.advice ? ` ${health.advice}` : ''}
      </p>
      <form className="grid-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field">
          <label htmlFor={ids.handle}>Creator handle</label>
          <input id={ids.handle} ref={handleInput} value={form.handle} onChange={(e) => set('handle', e.currentTarget.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={ids.region}>Region</label>
          <input id={ids.region} value={form.region} onChange={(e) => set('region', e.currentTarget.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.contact}>Contact</label>
          <input id={ids.contact} value={form.contact} onChange={(e) => set('contact', e.currentTarget.value)} />
        </div>
        <div className="check">
          <input id={ids.confirmed} type="checkbox" checked={form.regionConfirmed} onChange={(e) => set('regionConfirmed', e.currentTarget.checked)} />
          <label htmlFor={ids.confirmed}>Region confirmed for Spark Ads</label>
        </div>
        <div className="check">
          <input id={ids.toggle} type="checkbox" checked={form.toggleSeenOn} onChange={(e) => set('toggleSeenOn', e.currentTarget.checked)} />
          <label htmlFor={ids.toggle}>Ad authorization toggle seen On</label>
        </div>
        <div className="field">
          <label htmlFor={ids.shot}>Toggle screenshot</label>
          <input
            id={ids.shot}
            ref={fileInput}
            type="file"
            accept="image/*"
            aria-describedby={ids.hint}
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
          <span id={ids.hint} className="hint">
            Optional: a picture (up to 5 MB) of the creator’s “Ad authorization” switched on. It stays on this computer.
          </span>
        </div>
        <button type="submit" disabled={busy}>
          Save creator
        </button>
      </form>
      <Feedback note={note} />
      <ul aria-label="Creators" className="cards">
        {views.map((v) => (
          <CreatorItem key={v.handle} view={v} now={now} onEdit={onEdit} />
        ))}
      </ul>
      {views.length === 0 ? <p className="hint">No creators yet: save one above, or add a code in the popup.</p> : null}
    </section>
  );
}
