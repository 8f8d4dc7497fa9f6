/** A status line that is always in the page (so screen readers announce it), and an alert for problems. */

export interface Note {
  text: string;
  tone: 'info' | 'error';
}

export const NOT_RESPONDING =
  'Spark Guard’s background is not responding, so nothing was changed. Close and reopen this page, then try again.';

export function Feedback({ note }: { note: Note | null }) {
  return (
    <>
      <p role="status" className="note">
        {note?.tone === 'info' ? note.text : null}
      </p>
      {note?.tone === 'error' ? (
        <p role="alert" className="form-error">
          {note.text}
        </p>
      ) : null}
    </>
  );
}
