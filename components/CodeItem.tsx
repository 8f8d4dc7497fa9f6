import { memo } from 'react';
import type { CodeRecord, ReminderKind } from '../lib/domain/code';
import { adviceFor, stageLabel } from '../lib/domain/advice';
import type { Stage } from '../lib/domain/expiry';
import { formatDateTime, formatWhen } from '../lib/time/countdown';

export interface CodeActions {
  onRenew(code: CodeRecord): void;
  onSetPulled(code: CodeRecord, pulled: boolean): void;
  onDelete(code: CodeRecord): void;
  onCopy(code: CodeRecord): void;
}

export interface CodeItemProps extends CodeActions {
  code: CodeRecord;
  stage: Stage;
  countdown: string;
  /** When each reminder the buyer saw was shown. */
  sent: Partial<Record<ReminderKind, number>>;
  /** Local midnight of today (epoch ms): dates say "14:05" for today, the full date otherwise. */
  today: number;
  highlighted: boolean;
}

/**
 * A distinct shape per stage, so stages read the same without colour (colour blindness, greyscale
 * screens). The stylesheet draws it before the label with an empty alternative text, so screen
 * readers hear only the label, and it costs no extra element per item.
 */
export const STAGE_SYMBOL: Record<Stage, string> = {
  active: '●',
  reachOut: '◆',
  swap: '▲',
  expired: '✕',
  replaced: '↻',
  pulled: '■',
};

/** The DOM id of a code's list item, so a notification link (#code=<id>) can find it. */
export function codeItemId(id: string): string {
  return `code-${id}`;
}

/** Short link text for a post: the end of its id is enough to tell posts apart at a glance. */
export function postLinkText(postId: string | null): string {
  return postId ? `post …${postId.slice(-7)}` : 'short link, no post id yet';
}

const REMINDER_NAMES: Record<ReminderKind, string> = {
  reachOut: 'reach out',
  swap: 'swap the code',
  expired: 'code expired',
};
const REMINDER_ORDER: readonly ReminderKind[] = ['reachOut', 'swap', 'expired'];

/** "Reminder sent 14:05 (reach out)", one line per reminder shown, oldest first. */
export function reminderLines(sent: Partial<Record<ReminderKind, number>>, today: number): string[] {
  const lines: string[] = [];
  for (const kind of REMINDER_ORDER) {
    const at = sent[kind];
    if (at !== undefined) lines.push(`Reminder sent ${formatWhen(at, today)} (${REMINDER_NAMES[kind]})`);
  }
  return lines;
}

/**
 * One code in the ledger. Kept small (a thousand of these render at once) and pure: everything it
 * shows arrives as props, every action goes back up as a callback.
 */
function CodeItemView(props: CodeItemProps) {
  const { code, stage } = props;
  const who = `@${code.handle}`;
  const pulled = code.status === 'pulled';
  const replaced = code.status === 'replaced';
  return (
    <li id={codeItemId(code.id)} className={`code code-${stage}${props.highlighted ? ' is-target' : ''}`} tabIndex={-1}>
      <p className="code-head">
        <span className="stage" data-symbol={STAGE_SYMBOL[stage]}>
          {stageLabel(stage)}
        </span> <strong>{who}</strong>{' '}
        <span className="code-countdown">{props.countdown}</span>
      </p>
      <p className="code-advice">{adviceFor(stage, code.handle)}</p>
      <p className="code-meta">
        <a href={code.postUrl} target="_blank" rel="noreferrer noopener" title={code.postUrl}>
          {postLinkText(code.postId)}
        </a>
        {` · Ad account ${code.adAccountId} · Expires ${formatDateTime(code.expiresAt, props.today)}`}
      </p>
      {props.sent.reachOut === undefined && props.sent.swap === undefined && props.sent.expired === undefined
        ? null
        : reminderLines(props.sent, props.today).map((line) => (
            <p className="code-reminder" key={line}>
              {line}
            </p>
          ))}
      {code.notes ? <p className="code-notes">{code.notes}</p> : null}
      <p className="code-actions">
        <button type="button" aria-label={`Copy code for ${who}`} onClick={() => props.onCopy(code)}>
          Copy code
        </button>
        {replaced ? null : (
          <button type="button" aria-label={`Renew code for ${who}`} onClick={() => props.onRenew(code)}>
            Renew
          </button>
        )}
        {replaced ? null : (
          <button
            type="button"
            aria-label={pulled ? `Undo pull: code for ${who}` : `Mark pulled: code for ${who}`}
            onClick={() => props.onSetPulled(code, !pulled)}
          >
            {pulled ? 'Undo pull' : 'Mark pulled'}
          </button>
        )}
        <button type="button" className="danger" aria-label={`Delete code for ${who}`} onClick={() => props.onDelete(code)}>
          Delete
        </button>
      </p>
    </li>
  );
}

/** Re-renders only when what it shows changed: a 30-second tick repaints just the countdowns that moved. */
export const CodeItem = memo(
  CodeItemView,
  (a, b) =>
    a.code === b.code &&
    a.stage === b.stage &&
    a.countdown === b.countdown &&
    a.sent.reachOut === b.sent.reachOut &&
    a.sent.swap === b.sent.swap &&
    a.sent.expired === b.sent.expired &&
    a.today === b.today &&
    a.highlighted === b.highlighted &&
    a.onRenew === b.onRenew &&
    a.onSetPulled === b.onSetPulled &&
    a.onDelete === b.onDelete &&
    a.onCopy === b.onCopy,
);
