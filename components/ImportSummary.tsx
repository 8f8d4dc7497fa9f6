import type { ImportReport } from '../lib/domain/transfer';

export interface ImportSummaryProps {
  report: ImportReport;
}

/** What an import did: a headline, then each skipped row with its reason, then rows kept as history. */
export function ImportSummary({ report }: ImportSummaryProps) {
  return (
    <div className={`import-summary${report.tone === 'error' ? ' is-error' : ''}`}>
      <p>{report.headline}</p>
      {report.skipped.length > 0 ? (
        <ul aria-label="Skipped rows">
          {report.skipped.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {report.historyHeadline ? (
        <>
          <p>{report.historyHeadline}</p>
          <ul aria-label="Kept as history">
            {report.history.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
