import { useId, useState, type FormEvent } from 'react';
import { parseWorkflowValues, workflowValues, type WorkflowField, type WorkflowValues } from '../../lib/domain/workflow-settings';
import { sendMessage } from '../../lib/messaging/protocol';
import type { WorkspaceData } from './data';
import { Feedback, NOT_RESPONDING, type Note } from '../../components/Feedback';

/** The workflow's thresholds and message template. Bad values get a message; the stored ones stay. */

const FIELDS: { field: Exclude<WorkflowField, 'messageTemplate'>; label: string }[] = [
  { field: 'organicWaitHours', label: 'Organic wait before promoting (hours, 24–168)' },
  { field: 'minCompletion', label: 'Completion needed at 15 s (%)' },
  { field: 'pipelineMin', label: 'Ready creators wanted, at least' },
  { field: 'pipelineMax', label: 'Ready creators wanted, at most' },
  { field: 'maxFrequency', label: 'Fatigue when an ad is seen more often than (times per person)' },
  { field: 'completionDropPercent', label: 'Flag a completion fall since launch of (%)' },
];

export function SettingsSection({ data }: { data: WorkspaceData }) {
  // Null while untouched: the fields follow what is stored.
  const [edited, setEdited] = useState<WorkflowValues | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [invalid, setInvalid] = useState<WorkflowField | null>(null);
  const values = edited ?? workflowValues(data.workflow);
  const base = useId();
  const set = (field: WorkflowField, value: string) => setEdited({ ...values, [field]: value });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseWorkflowValues(values);
    if (!parsed.ok) {
      setInvalid(parsed.field);
      setNote({ text: `${parsed.message} Your last saved settings stay.`, tone: 'error' });
      document.getElementById(`${base}-${parsed.field}`)?.focus();
      return;
    }
    try {
      const answer = await sendMessage('updateWorkflowSettings', parsed.value);
      if (!answer.ok) return setNote({ text: answer.message, tone: 'error' });
      setEdited(null);
      setInvalid(null);
      setNote({ text: 'Saved. Verdicts, flags and the pipeline follow the new settings.', tone: 'info' });
    } catch {
      setNote({ text: NOT_RESPONDING, tone: 'error' });
    }
  };

  return (
    <section aria-labelledby="workflow-settings-heading">
      <h2 id="workflow-settings-heading">Thresholds and message</h2>
      <form className="grid-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {FIELDS.map(({ field, label }) => (
          <div className="field" key={field}>
            <label htmlFor={`${base}-${field}`}>{label}</label>
            <input
              id={`${base}-${field}`}
              inputMode="decimal"
              value={values[field]}
              aria-invalid={invalid === field || undefined}
              onChange={(e) => set(field, e.currentTarget.value)}
            />
          </div>
        ))}
        <div className="field wide">
          <label htmlFor={`${base}-messageTemplate`}>Message to creators</label>
          <textarea
            id={`${base}-messageTemplate`}
            rows={4}
            value={values.messageTemplate}
            aria-invalid={invalid === 'messageTemplate' || undefined}
            aria-describedby={`${base}-template-hint`}
            onChange={(e) => set('messageTemplate', e.currentTarget.value)}
          />
          <span id={`${base}-template-hint`} className="hint">
            {'{handle}'}, {'{post}'}, {'{expires}'} and {'{days}'} are filled in from the code.
          </span>
        </div>
        <button type="submit">Save settings</button>
      </form>
      <Feedback note={note} />
    </section>
  );
}
