import { startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { CodeForm, type CodeFormValues, type FormField } from '../../components/CodeForm';
import { CodeList } from '../../components/CodeList';
import { EmptyState } from '../../components/EmptyState';
import { Filters } from '../../components/Filters';
import { StatusMessage } from '../../components/StatusMessage';
import type { CodeDraftInput, CodeRecord, DraftField } from '../../lib/domain/code';
import { DEFAULT_REMINDER_SETTINGS, type Stage } from '../../lib/domain/expiry';
import type { SparkGuardDb } from '../../lib/db/schema';
import { sendMessage } from '../../lib/messaging/protocol';
import { formatCountdown, fromDateTimeLocalValue, localDayStart, toDateTimeLocalValue } from '../../lib/time/countdown';
import { AccountWatchSection } from './AccountWatchSection';
import { readCodes, readSettings, type LedgerSnapshot } from './ledger';
import { extrasByCode, promotionWarning, readPopupWorkflow } from './workflow';
import { reachOutMessage } from '../../lib/domain/reach-out';
import {
  adAccountsOf,
  isFiltering,
  NO_FILTERS,
  reuseUnchanged,
  sortByUrgency,
  viewCodes,
  visibilityOf,
  type ListFilters,
} from './view';

/** Countdowns move on while the popup stays open; stages change at most this late. */
const TICK_MS = 30_000;
const UNDO_MS = 10_000;
const STATUS_MS = 8_000;
/** Codes in the first paint: more than a popup shows without scrolling. */
const FIRST_PAINT_ITEMS = 30;

const EMPTY_FORM: CodeFormValues = {
  handle: '',
  postUrl: '',
  code: '',
  adAccount: '',
  validity: '30',
  customEndsAt: '',
  createdAt: '',
  notes: '',
};

interface Status {
  text: string;
  tone: 'info' | 'error';
  /** A deleted record the buyer can still put back. */
  undo: CodeRecord | null;
  key: number;
}

const NOT_RESPONDING =
  'Spark Guard’s background is not responding, so nothing was changed. Close and reopen this window, then try again.';

/** The code named in the page address (#code=<id>), set when a reminder notification is clicked. */
function targetFromHash(): string | null {
  const hash = globalThis.location?.hash ?? '';
  return hash.length > 1 ? new URLSearchParams(hash.slice(1)).get('code') : null;
}

/** The workspace, in a tab of its own (a popup closes when it loses focus). */
function openWorkspace(event: { preventDefault(): void }) {
  if (typeof browser.tabs?.create !== 'function') return;
  event.preventDefault();
  Promise.resolve()
    .then(() => browser.tabs.create({ url: browser.runtime.getURL('/workspace.html') }))
    .catch(() => window.open('workspace.html', '_blank'));
}

function openSettings(event: { preventDefault(): void }) {
  if (typeof browser.runtime.openOptionsPage !== 'function') return;
  event.preventDefault();
  // Fails when no options page is declared: then open the page directly.
  Promise.resolve()
    .then(() => browser.runtime.openOptionsPage())
    .catch(() => window.open('options.html', '_blank'));
}

/**
 * The popup: reads the ledger live from IndexedDB and writes only through messages to the
 * background, which owns the database.
 */
export function App({ db, initial = null }: { db: SparkGuardDb; initial?: LedgerSnapshot | null }) {
  // The startup read paints the first frame; the live query then keeps it current.
  const rawCodes = useLiveQuery(() => readCodes(db), [db], initial?.codes);
  const settingsRow = useLiveQuery(() => readSettings(db), [db], initial?.settings);
  const workflow = useLiveQuery(() => readPopupWorkflow(db), [db]);
  const extras = useMemo(() => extrasByCode(workflow), [workflow]);
  const reachOutHours = settingsRow?.value.reachOutHours ?? DEFAULT_REMINDER_SETTINGS.reachOutHours;
  const swapHours = settingsRow?.value.swapHours ?? DEFAULT_REMINDER_SETTINGS.swapHours;
  // Each read returns a new object: keep one per actual value, so the list is not rebuilt for nothing.
  const settings = useMemo(() => ({ reachOutHours, swapHours }), [reachOutHours, swapHours]);
  const previousCodes = useRef<readonly CodeRecord[] | undefined>(undefined);
  const codes = useMemo(() => {
    if (!rawCodes) return undefined;
    previousCodes.current = reuseUnchanged(previousCodes.current, rawCodes);
    return previousCodes.current;
  }, [rawCodes]);

  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  // One clock reading per change or tick: every item in a render agrees on what "now" is.
  const now = useMemo(() => Date.now(), [codes, settings, tick]);

  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS);
  const sorted = useMemo(() => (codes ? sortByUrgency(codes) : []), [codes]);
  const accounts = useMemo(() => (codes ? adAccountsOf(codes) : []), [codes]);
  const items = useMemo(() => viewCodes(sorted, filters, now, settings), [sorted, filters, now, settings]);
  // Later changes (filters, a save) re-render the list in the background, so typing and clicks stay
  // responsive with a long ledger.
  const listItems = useDeferredValue(items);
  // The first paint shows the top of the list: the codes expiring soonest, the ones that need the
  // buyer. The rest follows at once in a transition, which React renders in slices between frames,
  // so the popup opens without waiting for a thousand items and stays responsive while they arrive.
  const [restShown, setRestShown] = useState(false);
  useEffect(() => {
    if (codes && !restShown) startTransition(() => setRestShown(true));
  }, [codes, restShown]);
  const renderedItems = useMemo(
    () => (restShown ? listItems : listItems.slice(0, FIRST_PAINT_ITEMS)),
    [restShown, listItems],
  );
  const today = useMemo(() => localDayStart(now), [now]);

  // ---- status line ----
  const [status, setStatus] = useState<Status | null>(null);
  const statusKey = useRef(0);
  const say = useCallback((text: string, tone: Status['tone'] = 'info', undo: CodeRecord | null = null) => {
    statusKey.current += 1;
    setStatus({ text, tone, undo, key: statusKey.current });
  }, []);
  const listHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => {
      // Do not strand keyboard focus on an Undo button that is about to vanish.
      if (document.activeElement?.closest('.status')) listHeading.current?.focus();
      setStatus((s) => (s?.key === status.key ? null : s));
    }, status.undo ? UNDO_MS : STATUS_MS);
    return () => clearTimeout(timer);
  }, [status]);

  // ---- form ----
  const [form, setForm] = useState<CodeFormValues>(EMPTY_FORM);
  // Untouched, "Code created" means the moment of saving; it shows the current time meanwhile.
  const [createdAtEdited, setCreatedAtEdited] = useState(false);
  const [renews, setRenews] = useState<CodeRecord | null>(null);
  const [formError, setFormError] = useState<{ message: string; field: FormField | null } | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ field: FormField; seq: number } | null>(null);
  const [busy, setBusy] = useState(false);
  // The add form waits behind "Add a code", so the codes come first; an empty ledger opens it by
  // itself. Once open it stays open until the buyer closes it, saving or not.
  const [formOpen, setFormOpen] = useState<boolean | null>(() => (initial ? initial.codes.length === 0 : null));
  useEffect(() => {
    if (formOpen === null && codes) setFormOpen(codes.length === 0);
  }, [formOpen, codes]);
  const saving = useRef(false);
  const formSection = useRef<HTMLElement>(null);
  const focusField = useCallback((field: FormField) => setFocusRequest((r) => ({ field, seq: (r?.seq ?? 0) + 1 })), []);

  const shownForm = useMemo(
    () => (createdAtEdited ? form : { ...form, createdAt: toDateTimeLocalValue(now) }),
    [form, createdAtEdited, now],
  );

  const onFormChange = useCallback((field: FormField, value: string) => {
    if (field === 'createdAt') setCreatedAtEdited(true);
    setForm((f) => ({ ...f, [field]: value }));
  }, []);

  const fieldFor = (field: DraftField | null, validity: string): FormField | null => {
    if (field === 'validity') return validity === 'custom' ? 'customEndsAt' : 'validity';
    return field;
  };

  const showFormError = (message: string, field: FormField | null) => {
    setFormError({ message, field });
    if (field) focusField(field);
  };

  const onSubmit = async () => {
    if (saving.current) return;
    const savedAt = Date.now();
    const createdAt = createdAtEdited ? fromDateTimeLocalValue(form.createdAt) : savedAt;
    if (createdAt === null) {
      showFormError('Enter when the creator made the code.', 'createdAt');
      return;
    }
    const customEndsAt = form.validity === 'custom' ? fromDateTimeLocalValue(form.customEndsAt) : null;
    const input: CodeDraftInput = {
      handle: form.handle,
      postUrl: form.postUrl,
      code: form.code,
      adAccount: form.adAccount,
      validity: form.validity,
      customEndsAt,
      createdAt,
      notes: form.notes,
      renews: renews?.id ?? null,
    };
    saving.current = true;
    setBusy(true);
    try {
      const result = await sendMessage('saveCode', input);
      if (!result.ok) {
        showFormError(result.message, fieldFor(result.field, form.validity));
        return;
      }
      // Say what was stored, as the list will show it.
      const saved = await db.codes.get(result.id).catch(() => undefined);
      const left = saved ? formatCountdown(saved.expiresAt, savedAt) : null;
      const leftText = left ? ` ${left[0]!.toUpperCase()}${left.slice(1)}.` : '';
      // A warning, not a refusal: the buyer may have reasons the organic numbers do not show.
      const warning = saved ? await promotionWarning(db, saved, savedAt).catch(() => null) : null;
      say(
        `Saved.${leftText}${result.replaced ? ' It replaces the earlier code for this post and ad account.' : ''}${warning ? ` ${warning}` : ''}`,
      );
      setForm(EMPTY_FORM);
      setCreatedAtEdited(false);
      setRenews(null);
      setFormError(null);
    } catch {
      showFormError(NOT_RESPONDING, null);
    } finally {
      saving.current = false;
      setBusy(false);
    }
  };

  const cancelRenew = useCallback(() => {
    setRenews(null);
    setForm(EMPTY_FORM);
    setCreatedAtEdited(false);
    setFormError(null);
    focusField('handle');
  }, [focusField]);

  // ---- item actions (stable, so a thousand memoized items do not re-render on each keystroke) ----
  const onRenew = useCallback(
    (code: CodeRecord) => {
      setRenews(code);
      setForm({ ...EMPTY_FORM, handle: `@${code.handle}`, postUrl: code.postUrl, adAccount: code.adAccountId });
      setCreatedAtEdited(false);
      setFormError(null);
      setFormOpen(true);
      formSection.current?.scrollIntoView?.({ block: 'start' });
      focusField('code');
    },
    [focusField],
  );

  const onSetPulled = useCallback(
    async (code: CodeRecord, pulled: boolean) => {
      try {
        const result = await sendMessage('setCodeStatus', { id: code.id, status: pulled ? 'pulled' : 'live' });
        if (!result.ok) say(result.message, 'error');
        else say(pulled ? `Marked pulled: @${code.handle}` : `Back to live: @${code.handle}`);
      } catch {
        say(NOT_RESPONDING, 'error');
      }
    },
    [say],
  );

  const onDelete = useCallback(
    async (code: CodeRecord) => {
      try {
        const result = await sendMessage('deleteCode', { id: code.id });
        if (!result.ok) say(result.message, 'error');
        else say('Code deleted.', 'info', result.record);
      } catch {
        say(NOT_RESPONDING, 'error');
      }
    },
    [say],
  );

  const [focusAfterRender, setFocusAfterRender] = useState<string | null>(null);
  /** The code the buyer was sent to: by a reminder's link (#code=<id>) or by an undo. */
  const [target, setTarget] = useState<string | null>(targetFromHash);
  const handledTarget = useRef<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const undoRecord = status?.undo ?? null;
  const onUndo = useCallback(async () => {
    if (!undoRecord) return;
    try {
      const result = await sendMessage('restoreCode', { record: undoRecord });
      if (!result.ok) say(result.message, 'error');
      else {
        say('Code restored.');
        // Show where it came back: highlighted and focused, once the list has it again.
        handledTarget.current = undoRecord.id;
        setTarget(undoRecord.id);
        setFocusAfterRender(undoRecord.id);
      }
    } catch {
      say(NOT_RESPONDING, 'error');
    }
  }, [undoRecord, say]);

  const onCopy = useCallback(
    async (code: CodeRecord) => {
      try {
        await navigator.clipboard.writeText(code.code);
        say('Code copied');
      } catch {
        say('Could not copy the code: the browser did not allow it. Try again with this window focused.', 'error');
      }
    },
    [say],
  );

  const template = workflow?.settings.messageTemplate;
  const onCopyMessage = useCallback(
    async (code: CodeRecord) => {
      if (!template) return;
      try {
        await navigator.clipboard.writeText(reachOutMessage(template, code));
        say(`Message for @${code.handle} copied`);
      } catch {
        say('Could not copy the message: the browser did not allow it. Try again with this window focused.', 'error');
      }
    },
    [template, say],
  );

  const onMarkAsked = useCallback(
    async (code: CodeRecord) => {
      try {
        const result = await sendMessage('markAsked', { id: code.id });
        if (!result.ok) say(result.message, 'error');
        else say(`Marked asked: @${code.handle}`);
      } catch {
        say(NOT_RESPONDING, 'error');
      }
    },
    [say],
  );

  // ---- a code opened from a notification (#code=<id>) ----
  useEffect(() => {
    const onHash = () => setTarget(targetFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (!codes || !target || handledTarget.current === target) return;
    const code = codes.find((c) => c.id === target);
    if (!code) {
      handledTarget.current = target;
      say('That code is no longer in your ledger.', 'error');
      return;
    }
    // Make sure the filters let it through before scrolling to it.
    const seen = visibilityOf(code, filters, now, settings);
    if (seen === 'replacedHidden') setFilters((f) => ({ ...f, showReplaced: true }));
    else if (seen === 'filtered') setFilters({ ...NO_FILTERS, showReplaced: code.status === 'replaced' });
    if (seen !== 'shown') return;
    handledTarget.current = target;
    setFocusAfterRender(target);
  }, [codes, target, filters, now, settings, say]);

  useEffect(() => {
    if (!focusAfterRender) return;
    // Items carry no ids (a thousand fewer attributes): find the item by its place in the list.
    const index = renderedItems.findIndex((item) => item.code.id === focusAfterRender);
    const el = index < 0 ? null : listRef.current?.children[index];
    if (!(el instanceof HTMLElement)) return;
    el.scrollIntoView?.({ block: 'center' });
    el.focus({ preventScroll: true });
    setFocusAfterRender(null);
  }, [focusAfterRender, renderedItems]);

  // ---- filters ----
  const setAdAccount = useCallback((adAccount: string) => setFilters((f) => ({ ...f, adAccount })), []);
  const setStage = useCallback((stage: Stage | 'all') => setFilters((f) => ({ ...f, stage })), []);
  const setShowReplaced = useCallback((showReplaced: boolean) => setFilters((f) => ({ ...f, showReplaced })), []);
  const clearFilters = useCallback(() => setFilters((f) => ({ ...NO_FILTERS, showReplaced: f.showReplaced })), []);

  const total = codes?.length ?? 0;
  const replacedHidden = !filters.showReplaced && filters.stage === 'all' && sorted.some((c) => c.status === 'replaced');

  return (
    <div className="app">
      <header className="app-header">
        <h1>Spark Guard</h1>
        <a className="settings-link" href="workspace.html" target="_blank" rel="noopener" onClick={openWorkspace}>
          Creators and posts
        </a>
        <a className="settings-link" href="options.html" target="_blank" rel="noopener" onClick={openSettings}>
          Settings
        </a>
      </header>

      <main className="app-main">
        <AccountWatchSection db={db} />

        <section className="ledger">
          <div className="ledger-head">
            <h2 ref={listHeading} tabIndex={-1}>
              Your codes
            </h2>
            <button
              type="button"
              className="add-toggle"
              aria-expanded={formOpen === true}
              aria-controls="add-code"
              onClick={() => {
                const open = formOpen !== true;
                setFormOpen(open);
                if (open) focusField(renews ? 'code' : 'handle');
              }}
            >
              Add a code
            </button>
          </div>

          <section className="add" id="add-code" ref={formSection} hidden={formOpen !== true} aria-labelledby="add-code-title">
            <h2 id="add-code-title">{renews ? 'Renew a code' : 'Add a code'}</h2>
            <CodeForm
              values={shownForm}
              onChange={onFormChange}
              onSubmit={() => void onSubmit()}
              error={formError?.message ?? null}
              invalidField={formError?.field ?? null}
              focusRequest={focusRequest}
              renewing={renews ? { handle: renews.handle, adAccountId: renews.adAccountId } : null}
              onCancelRenew={cancelRenew}
              busy={busy}
              now={now}
            />
          </section>

          {codes && total > 0 ? (
            <Filters
              accounts={accounts}
              adAccount={filters.adAccount}
              stage={filters.stage}
              showReplaced={filters.showReplaced}
              shown={items.length}
              total={total}
              onAdAccountChange={setAdAccount}
              onStageChange={setStage}
              onShowReplacedChange={setShowReplaced}
            />
          ) : null}
          {codes ? (
            <CodeList
              items={renderedItems}
              today={today}
              targetId={target}
              ref={listRef}
              onRenew={onRenew}
              onSetPulled={onSetPulled}
              onDelete={onDelete}
              onCopy={onCopy}
              extras={extras}
              onCopyMessage={onCopyMessage}
              onMarkAsked={onMarkAsked}
            />
          ) : null}
          {codes && items.length === 0 ? (
            total === 0 ? (
              <EmptyState kind="none" />
            ) : (
              <EmptyState kind="filtered" replacedHidden={replacedHidden} onClearFilters={isFiltering(filters) ? clearFilters : undefined} />
            )
          ) : null}
        </section>
      </main>

      <StatusMessage
        text={status?.text ?? null}
        tone={status?.tone}
        onUndo={status?.undo ? onUndo : null}
        messageKey={status?.key}
      />
    </div>
  );
}
