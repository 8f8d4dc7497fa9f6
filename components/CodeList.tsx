import { memo, type Ref } from 'react';
import type { CodeRecord, ReminderKind } from '../lib/domain/code';
import type { Stage } from '../lib/domain/expiry';
import { CodeItem, type CodeActions, type CodeExtras } from './CodeItem';

export interface CodeListEntry {
  code: CodeRecord;
  stage: Stage;
  countdown: string;
  sent: Partial<Record<ReminderKind, number>>;
  warning: string | null;
}

export interface CodeListProps extends CodeActions {
  items: readonly CodeListEntry[];
  /** Local midnight of today (epoch ms), for how item dates read. */
  today: number;
  /** The code the buyer was sent to (a reminder link, an undo), shown highlighted. */
  targetId: string | null;
  ref?: Ref<HTMLUListElement>;
  /** Performance flags and reach-out times, by code id; most codes have none. */
  extras?: ReadonlyMap<string, CodeExtras>;
}

/** The ledger, in the order given. The list keeps its name even when empty, so it is always findable. */
export const CodeList = memo(function CodeList({ items, today, targetId, ref, extras, onCopy, onRenew, onSetPulled, onDelete, onCopyMessage, onMarkAsked }: CodeListProps) {
  return (
    <ul className="codes" aria-label="Codes" ref={ref}>
      {items.map((item) => (
        <CodeItem
          key={item.code.id}
          code={item.code}
          stage={item.stage}
          countdown={item.countdown}
          sent={item.sent}
          warning={item.warning}
          today={today}
          target={item.code.id === targetId}
          onCopy={onCopy}
          onRenew={onRenew}
          onSetPulled={onSetPulled}
          onDelete={onDelete}
          extras={extras?.get(item.code.id)}
          onCopyMessage={onCopyMessage}
          onMarkAsked={onMarkAsked}
        />
      ))}
    </ul>
  );
});
