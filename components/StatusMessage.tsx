import { useEffect, useRef } from 'react';

export interface StatusMessageProps {
  /** What just happened, e.g. "Code copied". Null: nothing to say. */
  text: string | null;
  tone?: 'info' | 'error';
  /** When set, an "Undo" button follows the text. */
  onUndo?: (() => void) | null;
  /** Changes whenever a new message is shown, so the same words twice still count as new. */
  messageKey?: number;
}

/**
 * The one polite live region for results of actions. It is always in the page, so screen readers
 * announce what is put into it.
 */
export function StatusMessage({ text, tone = 'info', onUndo, messageKey }: StatusMessageProps) {
  const undoRef = useRef<HTMLButtonElement>(null);
  // The item that was deleted took the keyboard focus with it: hand it to the way back.
  useEffect(() => {
    if (onUndo) undoRef.current?.focus();
  }, [onUndo, messageKey]);
  return (
    <div role="status" className={`status${text ? ' has-message' : ''}${tone === 'error' ? ' is-error' : ''}`}>
      {text ? (
        <p key={messageKey}>
          {text}
          {onUndo ? (
            <>
              {' '}
              <button type="button" ref={undoRef} onClick={onUndo}>
                Undo
              </button>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
