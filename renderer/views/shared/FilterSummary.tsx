/** Says which sample filters hold (they are set in Samples and apply in Map, Timeline and Network). */
import { activeFilterCount, NO_FILTERS, useFilters } from '../../state/filters';
import { useNavigation } from '../../state/navigation';

export function FilterSummary() {
  const { filters, setFilters } = useFilters();
  const { go } = useNavigation();
  const n = activeFilterCount(filters);
  if (n === 0) return null;
  return (
    <span className="filter-summary" data-testid="filter-summary">
      {n} filter{n === 1 ? '' : 's'} from Samples apply.{' '}
      <button className="link" onClick={() => go('samples')}>
        Change
      </button>{' '}
      <button className="link" onClick={() => setFilters(() => NO_FILTERS)}>
        Clear
      </button>
    </span>
  );
}
