import { useEffect, useRef, type FormEvent } from 'react';
import { FIELD_LIMITS } from '../lib/domain/code';
import { CLOCK_SKEW_MS, SPARK_ADS_START } from '../lib/domain/code-dates';
import { toDateTimeLocalValue } from '../lib/time/countdown';

/** What the form holds, as typed. Dates are datetime-local strings (local time). */
export interface CodeFormValues {
  handle: string;
  postUrl: string;
  code: string;
  adAccount: string;
  /** "7" | "30" | "60" | "365" | "custom" */
  validity: string;
  customEndsAt: string;
  createdAt: string;
  notes: string;
}

export type FormField = keyof CodeFormValues;

export const VALIDITY_OPTIONS: readonly { value: string; label: string }[] = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '60', label: '60 days' },
  { value: '365', label: '365 days' },
  { value: 'custom', label: 'Custom end date' },
];

export interface CodeFormProps {
  values: CodeFormValues;
  onChange(field: FormField, value: string): void;
  onSubmit(): void;
  /** The problem with the last save, shown as an alert; the typed values stay. */
  error: string | null;
  invalidField: FormField | null;
  /** Asks the form to focus a field; a new `seq` focuses again. */
  focusRequest: { field: FormField; seq: number } | null;
  /** Set while renewing an existing code: who and where, to say so above the fields. */
  renewing: { handle: string; adAccountId: string } | null;
  onCancelRenew(): void;
  busy: boolean;
  /** The moment the form is shown: the latest "Code created" its date picker offers. */
  now: number;
}

const ERROR_ID = 'code-form-error';

/**
 * "1,234 / 10,000" under a long field, so the buyer sees the limit coming. The field names it as its
 * description, so a screen reader says it on focus; it is not a live region, which would talk on
 * every keystroke.
 */
function LengthCounter({ id, length, max }: { id: string; length: number; max: number }) {
  const near = length >= max * 0.9;
  return (
    <span id={id} className={near ? 'hint counter near-limit' : 'hint counter'}>
      {`${length.toLocaleString('en-US')} / ${max.toLocaleString('en-US')} characters`}
    </span>
  );
}

/** Quick add (and renew) of a code. Labels are the names buyers and tests find the fields by. */
export function CodeForm(props: CodeFormProps) {
  const { values, invalidField } = props;
  const fields = useRef<Partial<Record<FormField, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null>>>({});

  useEffect(() => {
    if (!props.focusRequest) return;
    const el = fields.current[props.focusRequest.field];
    el?.focus();
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [props.focusRequest]);

  const describedBy = (field: FormField, ...ids: string[]) =>
    [...(invalidField === field && props.error ? [ERROR_ID] : []), ...ids].join(' ') || undefined;
  const bind = (field: FormField) => ({
    id: `code-form-${field}`,
    value: values[field],
    ref: (el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null) => {
      fields.current[field] = el;
    },
    onChange: (e: { currentTarget: { value: string } }) => props.onChange(field, e.currentTarget.value),
    // While a code is being saved nothing can be typed: the form is cleared when the save is done,
    // and a next code begun in between would go with it. (A select has no read-only state.)
    ...(field === 'validity' ? {} : { readOnly: props.busy }),
    'aria-invalid': invalidField === field ? true : undefined,
    'aria-describedby': invalidField === field && props.error ? ERROR_ID : undefined,
  });
  const text = { type: 'text', autoComplete: 'off', spellCheck: false } as const;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };

  return (
    <form className="code-form" onSubmit={submit} noValidate aria-busy={props.busy || undefined}>
      {props.renewing ? (
        <p className="renewing">
          Renewing the code for @{props.renewing.handle} in ad account {props.renewing.adAccountId}. Paste the new
          code below.{' '}
          <button type="button" onClick={props.onCancelRenew}>
            Cancel renewal
          </button>
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="code-form-handle">Creator handle</label>
        <input {...bind('handle')} {...text} maxLength={FIELD_LIMITS.handle} placeholder="@mia.creates" />
      </div>
      <div className="field">
        <label htmlFor="code-form-postUrl">TikTok post URL</label>
        <input
          {...bind('postUrl')}
          {...text}
          maxLength={FIELD_LIMITS.postUrl}
          inputMode="url"
          placeholder="https://www.tiktok.com/@…/video/…"
        />
      </div>
      <div className="field">
        <label htmlFor="code-form-code">Authorization code</label>
        <input
          {...bind('code')}
          {...text}
          maxLength={FIELD_LIMITS.code}
          placeholder="#… or 6 digits"
          aria-describedby={describedBy('code', 'code-form-code-count')}
        />
        <LengthCounter id="code-form-code-count" length={values.code.length} max={FIELD_LIMITS.code} />
      </div>
      <div className="field">
        <label htmlFor="code-form-adAccount">Ad account ID</label>
        <input
          {...bind('adAccount')}
          {...text}
          maxLength={FIELD_LIMITS.adAccount}
          inputMode="numeric"
          placeholder="Digits, or an Ads Manager link"
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="code-form-validity">Valid for</label>
          <select {...bind('validity')}>
            {VALIDITY_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="code-form-createdAt">Code created</label>
          <input
            {...bind('createdAt')}
            type="datetime-local"
            min={toDateTimeLocalValue(SPARK_ADS_START)}
            max={toDateTimeLocalValue(props.now + CLOCK_SKEW_MS)}
          />
        </div>
      </div>
      {values.validity === 'custom' ? (
        <div className="field">
          <label htmlFor="code-form-customEndsAt">Custom end date</label>
          <input {...bind('customEndsAt')} type="datetime-local" />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="code-form-notes">Notes</label>
        <textarea
          {...bind('notes')}
          rows={2}
          maxLength={FIELD_LIMITS.notes}
          aria-describedby={describedBy('notes', 'code-form-notes-hint', 'code-form-notes-count')}
        />
        <span id="code-form-notes-hint" className="hint">
          Optional: campaign, agreed fee, anything to remember.
        </span>
        <LengthCounter id="code-form-notes-count" length={values.notes.length} max={FIELD_LIMITS.notes} />
      </div>
      {props.error ? (
        <p id={ERROR_ID} role="alert" className="form-error">
          {props.error}
        </p>
      ) : null}
      <button type="submit" className="primary">
        Save code
      </button>
    </form>
  );
}
