import { useEffect, useRef, type FormEvent } from 'react';

export type ReminderField = 'reachOutHours' | 'swapHours';

export interface ReminderSettingsFormProps {
  /** What the fields show, as typed. */
  values: Record<ReminderField, string>;
  onChange(field: ReminderField, value: string): void;
  onSubmit(): void;
  /** Why the last save was refused, shown as an alert; the typed values stay. */
  error: string | null;
  /** The field the error is about, when it is about one. */
  invalidField: ReminderField | null;
  /** Asks the form to focus a field; a new `seq` focuses again. */
  focusRequest: { field: ReminderField; seq: number } | null;
  busy: boolean;
}

const ERROR_ID = 'reminder-settings-error';

const FIELDS: readonly { field: ReminderField; label: string; hint: string; min: number; max: number }[] = [
  {
    field: 'reachOutHours',
    label: 'Reach out before expiry (hours)',
    hint: 'When to ask the creator for a new code. 72 hours is 3 days.',
    min: 2,
    max: 720,
  },
  {
    field: 'swapHours',
    label: 'Swap before expiry (hours)',
    hint: 'When to enter the new code in Ads Manager. Fewer hours than reaching out.',
    min: 1,
    max: 696,
  },
];

/** The two reminder times. Labels are the names buyers and tests find the fields by. */
export function ReminderSettingsForm(props: ReminderSettingsFormProps) {
  const { values, invalidField, error } = props;
  const inputs = useRef<Partial<Record<ReminderField, HTMLInputElement | null>>>({});

  useEffect(() => {
    if (props.focusRequest) inputs.current[props.focusRequest.field]?.focus();
  }, [props.focusRequest]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };

  return (
    // noValidate: the buyer gets Spark Guard's own words, not the browser's number-field bubbles.
    <form className="settings-form" onSubmit={submit} noValidate aria-busy={props.busy || undefined}>
      {FIELDS.map(({ field, label, hint, min, max }) => {
        const id = `settings-${field}`;
        const invalid = invalidField === field || (error !== null && invalidField === null);
        return (
          <div className="field" key={field}>
            <label htmlFor={id}>{label}</label>
            <input
              id={id}
              ref={(el) => {
                inputs.current[field] = el;
              }}
              type="number"
              inputMode="numeric"
              min={min}
              max={max}
              step={1}
              value={values[field]}
              onChange={(e) => props.onChange(field, e.currentTarget.value)}
              aria-invalid={invalid || undefined}
              aria-describedby={`${id}-hint${invalid && error ? ` ${ERROR_ID}` : ''}`}
            />
            <span id={`${id}-hint`} className="hint">
              {hint}
            </span>
          </div>
        );
      })}
      {error ? (
        <p id={ERROR_ID} role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary">
        Save
      </button>
    </form>
  );
}
