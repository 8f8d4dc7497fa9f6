export interface EmptyStateProps {
  /** 'none': the ledger is empty. 'filtered': codes exist but the filters hide them all. */
  kind: 'none' | 'filtered';
  /** Replaced codes exist but are hidden by the "Show replaced" switch. */
  replacedHidden?: boolean;
  onClearFilters?: () => void;
}

/** Says what to do next instead of showing a blank list. */
export function EmptyState({ kind, replacedHidden, onClearFilters }: EmptyStateProps) {
  if (kind === 'none') {
    return (
      <p className="empty">No codes yet. Paste a Spark code from a creator above to start tracking its expiry.</p>
    );
  }
  return (
    <div className="empty">
      <p>
        No codes match these filters.
        {replacedHidden ? ' Replaced codes are hidden: tick “Show replaced” to see them.' : ''}
      </p>
      {onClearFilters ? (
        <button type="button" onClick={onClearFilters}>
          Show all codes
        </button>
      ) : null}
    </div>
  );
}
