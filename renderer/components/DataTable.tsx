/**
 * A virtualised table: only the rows in view are in the DOM, and rows are fetched from the RowSource a
 * page at a time as the user scrolls (100,000 rows scroll as smoothly as 100). Sorts on a header click
 * and filters across every column when the source supports it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { displayText, type PlainValue } from '../../shared/db/arrow-values';
import type { RowSource, SortSpec } from './row-source';

const PAGE = 200;
const ROW_HEIGHT = 28;

interface Props {
  source: RowSource;
  /** Shown above the table; the table adds its own counts. */
  title?: string;
  sortable?: boolean;
  filterable?: boolean;
  testId?: string;
  /** Column widths in px by name; others get a width from their name. */
  widths?: Record<string, number>;
  /** Changes when the data behind the source changes (after an import). */
  version?: number;
}

export function DataTable({ source, title, sortable = true, filterable = true, testId, widths = {}, version = 0 }: Props) {
  const [columns, setColumns] = useState<string[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [sort, setSort] = useState<SortSpec | null>(null);
  const [filter, setFilter] = useState('');
  const [appliedFilter, setAppliedFilter] = useState('');
  const [pages, setPages] = useState<Map<number, PlainValue[][]>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const id = setTimeout(() => setAppliedFilter(filter), 200);
    return () => clearTimeout(id);
  }, [filter]);

  useEffect(() => {
    const gen = ++generation.current;
    loading.current.clear();
    setPages(new Map());
    setTotal(null);
    setError(null);
    (async () => {
      const [cols, n] = await Promise.all([source.columns(), source.count(appliedFilter)]);
      if (gen !== generation.current) return;
      setColumns(cols);
      setTotal(n);
    })().catch((e: Error) => gen === generation.current && setError(e.message));
  }, [source, appliedFilter, sort, version]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total === null || total === 0) return;
    const gen = generation.current;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      if (pages.has(p) || loading.current.has(p)) continue;
      loading.current.add(p);
      source
        .page(p * PAGE, PAGE, sort, appliedFilter)
        .then((rows) => {
          if (gen !== generation.current) return;
          setPages((prev) => new Map(prev).set(p, rows));
        })
        .catch((e: Error) => gen === generation.current && setError(e.message))
        .finally(() => loading.current.delete(p));
    }
  }, [first, last, total, pages, source, sort, appliedFilter]);

  const colWidths = useMemo(() => columns.map((c) => widths[c] ?? Math.min(260, Math.max(90, c.length * 9 + 28))), [columns, widths]);
  const gridTemplate = colWidths.map((w) => `${w}px`).join(' ');
  const fullWidth = colWidths.reduce((a, b) => a + b, 0);

  const toggleSort = (column: string) => {
    if (!sortable) return;
    setSort((s) => (s?.column !== column ? { column, descending: false } : s.descending ? null : { column, descending: true }));
  };

  return (
    <section className="data-table" data-testid={testId}>
      <header className="data-table-bar">
        {title && <h2>{title}</h2>}
        <span className="count" data-testid="row-count">
          {total === null ? 'Counting…' : `${total.toLocaleString('en-CA')} ${total === 1 ? 'row' : 'rows'}${appliedFilter ? ' match' : ''}`}
        </span>
        {filterable && (
          <input
            type="search"
            className="filter"
            placeholder="Filter all columns…"
            aria-label="Filter rows"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        )}
      </header>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="data-table-scroll" ref={scroller} role="grid" aria-rowcount={total ?? 0} aria-colcount={columns.length}>
        <div className="data-table-head" role="row" style={{ gridTemplateColumns: gridTemplate, width: fullWidth }}>
          {columns.map((c) => (
            <button
              key={c}
              role="columnheader"
              className="th"
              aria-sort={sort?.column === c ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              onClick={() => toggleSort(c)}
              disabled={!sortable}
              title={sortable ? `Sort by ${c}` : c}
            >
              {c}
              {sort?.column === c && <span aria-hidden="true">{sort.descending ? ' ▼' : ' ▲'}</span>}
            </button>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), width: fullWidth, position: 'relative' }}>
          {items.map((item) => {
            const row = pages.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`tr ${item.index % 2 ? 'odd' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: gridTemplate, height: ROW_HEIGHT }}
              >
                {row
                  ? row.map((v, i) => (
                      <span role="gridcell" key={i} className={typeof v === 'number' ? 'td num' : v === null ? 'td null' : 'td'} title={displayText(v)}>
                        {v === null ? '—' : displayText(v)}
                      </span>
                    ))
                  : <span className="td loading">…</span>}
              </div>
            );
          })}
        </div>
        {total === 0 && <p className="empty">No rows{appliedFilter ? ' match the filter' : ''}.</p>}
      </div>
    </section>
  );
}
