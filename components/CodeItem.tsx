import { memo } from 'react';
import type { CodeRecord, ReminderKind } from '../lib/domain/code';
import { adviceFor, stageLabel } from '../lib/domain/advice';
import { REMINDER_KINDS, type Stage } from '../lib/domain/expiry';
import { offersReachOut } from '../lib/domain/reach-out';
import { formatDateTime, formatWhen } from '../lib/time/countdown';
import { AccountId } from './AccountId';

export interface CodeActions {
  onRenew(code: CodeRecord): void;
  onSetPulled(code: CodeRecord, pulled: boolean): void;
  onDelete(code: CodeRecord): void;
  onCopy(code: CodeRecord): void;
  /** Reach-out, for codes in the reach-out and swap stages. */
  onCopyMessage?(code: CodeRecord): void;
  onMarkAsked?(code: CodeRecord): void;
}

/** What the workspace adds to a code: its performance flags and when its creator was asked. */
export interface CodeExtras {
  flags: readonly string[];
  askedAt: number | null;
}

export interface CodeItemProps extends CodeActions {
  code: CodeRecord;
  stage: Stage;
  countdown: string;
  /** When each reminder the buyer saw was shown. */
  sent: Partial<Record<ReminderKind, number>>;
  /** What is wrong with the code's dates (a code saved before the date rules), or null. */
  warning?: string | null;
  /** Local midnight of today (epoch ms): dates say "14:05" for today, the full date otherwise. */
  today: number;
  /** The code the buyer was sent to (a reminder link, an undo): highlighted and focusable. */
  target: boolean;
  extras?: CodeExtras;
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

/** "Reminder sent 14:05 (reach out)", one line per reminder shown, oldest first. */
export function reminderLines(sent: Partial<Record<ReminderKind, number>>, today: number): string[] {
  const lines: string[] = [];
  for (const kind of REMINDER_KINDS) {
    const at = sent[kind];
    if (at !== undefined) lines.push(`Reminder sent ${formatWhen(at, today)} (${REMINDER_NAMES[kind]})`);
  }
  return lines;
}

/**
 * Expiry, after the ad account. The item keeps line breaks (white-space: pre-line), so the trailing
 * break starts the actions on their own line without another element.
 */
function expiryText(code: CodeRecord, today: number): string {
  return ` · Expires ${formatDateTime(code.expiresAt, today)}\n`;
}

/**
 * One code in the ledger: pure (everything arrives as props, every action goes back up as a
 * callback) and lean, because a thousand of these render at once. Few elements and fewer
 * attributes: the stylesheet finds the parts by position, and draws each stage's shape (see
 * `.code-<stage>` in the popup's style.css) so stages differ without colour at no cost here.
 */
function CodeItemView({ code, stage, countdown, sent, warning, today, target, extras, onCopy, onRenew, onSetPulled, onDelete, onCopyMessage, onMarkAsked }: CodeItemProps) {
  const who = `@${code.handle}`;
  const pulled = code.status === 'pulled';
  const live = code.status !== 'replaced';
  return (
    <li className={target ? `code code-${stage} is-target` : `code code-${stage}`} tabIndex={target ? -1 : undefined}>
      <p>
        <span>{stageLabel(stage)}</span>
        {` ${who} · `}
        <span>{countdown}</span>
      </p>
      <p>{adviceFor(stage, code.handle)}</p>
      <a href={code.postUrl} target="_blank">
        {postLinkText(code.postId)}
      </a>
      {' · Ad account '}
      <AccountId id={code.adAccountId} />
      {expiryText(code, today)}
      {sent.reachOut !== undefined || sent.swap !== undefined || sent.expired !== undefined
        ? reminderLines(sent, today).map((line) => <p key={line}>{line}</p>)
        : null}
      {warning ? <p className="date-warning">{warning}</p> : null}
      {code.notes ? <p>{code.notes}</p> : null}
      {extras?.flags.map((flag) => (
        <p key={flag} className="flag">
          {flag}
        </p>
      ))}
      {extras?.askedAt != null ? <p>Asked {formatWhen(extras.askedAt, today)}</p> : null}
      {onCopyMessage && offersReachOut(stage) ? (
        <button aria-label={`Copy message for ${who}`} onClick={() => onCopyMessage(code)}>
          Copy message
        </button>
      ) : null}
      {onMarkAsked && offersReachOut(stage) ? (
        <button aria-label={`Mark asked: ${who}`} onClick={() => onMarkAsked(code)}>
          Mark asked
        </button>
      ) : null}
      <button aria-label={`Copy code for ${who}`} onClick={() => onCopy(code)}>
        Copy code
      </button>
      {live ? (
        <button aria-label={`Renew code for ${who}`} onClick={() => onRenew(code)}>
          Renew
        </button>
      ) : null}
      {live ? (
        <button
          aria-label={pulled ? `Undo pull: code for ${who}` : `Mark pulled: code for ${who}`}
          onClick={() => onSetPulled(code, !pulled)}
        >
          {pulled ? 'Undo pull' : 'Mark pulled'}
        </button>
      ) : null}
      <button aria-label={`Delete code for ${who}`} onClick={() => onDelete(code)}>
        Delete
      </button>
    </li>
  );
}

/**
 * Re-renders only when what it shows changed: a 30-second tick repaints just the countdowns that
 * moved. Every prop is a value or a stable object, so the default comparison is enough.
 */
export const CodeItem = memo(CodeItemView);
