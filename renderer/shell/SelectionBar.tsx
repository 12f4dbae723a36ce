/** The shared selection in a line: how many samples, where they were picked, and what to do with them. */
import { useReports } from '../reports/reports-state';
import { useNavigation } from '../state/navigation';
import { useSelection, useSelectionStore } from '../state/selection';

export function SelectionBar() {
  const selection = useSelection();
  const store = useSelectionStore();
  const { go } = useNavigation();
  const reports = useReports();
  const n = selection.ids.size;
  if (n === 0) return <span className="selection-status hint" data-testid="selection-status">No samples selected</span>;
  const only = n === 1 ? [...selection.ids][0] : null;
  return (
    <span className="selection-status" data-testid="selection-status" role="status">
      <strong>
        {n.toLocaleString('en-CA')} sample{n === 1 ? '' : 's'} selected
      </strong>
      {selection.origin && <span className="hint"> in {selection.origin}</span>}
      {only && (
        <button className="link" onClick={() => go({ view: 'samples', sampleId: only })}>
          Open {only}
        </button>
      )}
      <button className="link" onClick={() => reports.report({ kind: 'sample-list', scope: 'selected' })} data-testid="selection-report">
        Report…
      </button>
      <button className="link" onClick={() => store.clear()} data-testid="clear-selection">
        Clear
      </button>
    </span>
  );
}
