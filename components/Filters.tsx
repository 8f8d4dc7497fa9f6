import { STAGES_IN_FILTER_ORDER, stageLabel } from '../lib/domain/advice';
import type { Stage } from '../lib/domain/expiry';

export interface FiltersProps {
  accounts: readonly string[];
  /** '' for all ad accounts. */
  adAccount: string;
  stage: Stage | 'all';
  showReplaced: boolean;
  shown: number;
  total: number;
  onAdAccountChange(adAccount: string): void;
  onStageChange(stage: Stage | 'all'): void;
  onShowReplacedChange(show: boolean): void;
}

function isStage(value: string): value is Stage {
  return (STAGES_IN_FILTER_ORDER as readonly string[]).includes(value);
}

/** Narrow the list by ad account and stage; replaced codes stay in the history, hidden by default. */
export function Filters(props: FiltersProps) {
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor="filter-account">Ad account</label>
        <select
          id="filter-account"
          value={props.adAccount}
          onChange={(e) => props.onAdAccountChange(e.currentTarget.value)}
        >
          <option value="">All ad accounts</option>
          {props.accounts.map((account) => (
            <option key={account} value={account}>
              {account}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-stage">Stage</label>
        <select
          id="filter-stage"
          value={props.stage}
          onChange={(e) => {
            const value = e.currentTarget.value;
            props.onStageChange(isStage(value) ? value : 'all');
          }}
        >
          <option value="all">All stages</option>
          {STAGES_IN_FILTER_ORDER.map((stage) => (
            <option key={stage} value={stage}>
              {stageLabel(stage)}
            </option>
          ))}
        </select>
      </div>
      <div className="check">
        <input
          id="filter-replaced"
          type="checkbox"
          checked={props.showReplaced}
          onChange={(e) => props.onShowReplacedChange(e.currentTarget.checked)}
        />
        <label htmlFor="filter-replaced">Show replaced</label>
      </div>
      <p className="filters-count">
        {props.shown === props.total
          ? `${props.total} ${props.total === 1 ? 'code' : 'codes'}`
          : `Showing ${props.shown} of ${props.total} codes`}
      </p>
    </div>
  );
}
