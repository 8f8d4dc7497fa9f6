/** Ids longer than this are shortened on screen: a 19-digit id repeated on every code is noise. */
const SHORTEN_OVER = 12;
/** Enough of the end to tell a buyer's ad accounts apart. */
const KEEP = 6;

/** "…234567" for a long ad account id, the id itself when short. */
export function shortAccountId(id: string): string {
  return id.length > SHORTEN_OVER ? `…${id.slice(-KEEP)}` : id;
}

/**
 * An ad account id, shortened to its end where it is long. The whole id stays in the tooltip and is
 * what screen readers read.
 */
export function AccountId({ id }: { id: string }) {
  const short = shortAccountId(id);
  if (short === id) return <>{id}</>;
  return (
    <span className="account-id" title={id}>
      <span aria-hidden="true">{short}</span>
      <span className="visually-hidden">{id}</span>
    </span>
  );
}
