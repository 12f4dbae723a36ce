/**
 * A virtualised table: only the rows in view are in the DOM, and rows are fetched from the RowSource a
 * page at a time as the user scrolls (100,000 rows scroll as smoothly as 100). Sorts on a header click
 * and filters across every column when the source supports it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { displayText, type PlainValue } from '../../shared/db/arrow-values';
import { visibleText } from '../../shared/util/visible-text';
import type { RowSource, SortSpec } from './row-source';

const PAGE = 100;
const ROW_HEIGHT = 28;
/**
 * Rows are keyed by slot (index modulo this), not by index: a long scroll then reuses the rows already in the DOM
 * and only changes their text, where keys by index made React delete and create every row of the window at each
 * wheel step (at 10,000 samples that alone held the thread for over 100 ms). Must exceed the rows in a window.
 */
const MIN_SLOTS = 128;
/** Widest a column grows to fit its values, px (longer values are cut with an ellipsis, whole in the tooltip). */
const MAX_WIDTH = 380;

let measureCtx: CanvasRenderingContext2D | null = null;

/** The widest of each column's values on `rows`, in px of the font of `el` (the table). O(rows × columns). */
function textWidths(columns: readonly string[], rows: readonly PlainValue[][], el: HTMLElement | null): number[] {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return columns.map(() => 0);
  const style = el ? getComputedStyle(el) : null;
  measureCtx.font = style ? `${style.fontSize} ${style.fontFamily}` : '14px system-ui, sans-serif';
  return columns.map((_, c) => {
    let longest = '';
    for (const row of rows) {
      const t = row[c] === null ? '—' : displayText(row[c]);
      if (t.length > longest.length) longest = t;
    }
    return measureCtx!.measureText(longest.slice(0, 60)).width;
  });
}

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
  /** A cell's own rendering (a sparkline, a class chip); undefined falls back to the text. */
  renderCell?: (column: string, value: PlainValue) => ReactNode | undefined;
  /** Columns that a header click must not sort (lists). */
  unsortable?: readonly string[];
  /** The column whose value names a row, for selection and opening. */
  rowKey?: string;
  selected?: ReadonlySet<string>;
  onRowClick?: (key: string, e: MouseEvent) => void;
  /** Double click or Enter on a row. */
  onRowOpen?: (key: string) => void;
  /** Shown in the bar beside the count (filters, actions). */
  toolbar?: ReactNode;
  /** What to say when there are no rows and no text filter. */
  emptyText?: string;
}

export function DataTable(props: Props) {
  const { source, title, sortable = true, filterable = true, testId, widths = {}, version = 0, renderCell, unsortable = [], rowKey, selected, onRowClick, onRowOpen, toolbar, emptyText } = props;
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
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  let slots = MIN_SLOTS;
  while (slots < items.length) slots *= 2;

  useEffect(() => {
    if (total === null || total === 0) return;
    const gen = generation.current;
    // The pages in view, then two below and one above, so that the next wheel steps find their rows already here: a
    // row drawn first empty ("…") and again when its page arrives costs twice the DOM work of a row drawn once.
    const lastPage = Math.floor((total - 1) / PAGE);
    const inView = Array.from({ length: Math.floor(last / PAGE) - Math.floor(first / PAGE) + 1 }, (_, k) => Math.floor(first / PAGE) + k);
    const below = inView[inView.length - 1];
    const wanted = [...inView, below + 1, below + 2, inView[0] - 1].filter((p) => p >= 0 && p <= lastPage);
    for (const p of wanted) {
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

  // Widths from the header and the first page's values (a case id, a date) as the table's font draws them, measured
  // once per set of columns so that sorting or scrolling never makes the columns jump: no value cut where there is room.
  const measured = useRef<{ key: string; px: number[] } | null>(null);
  const firstPage = pages.get(0);
  const columnsKey = columns.join('\u0000');
  if (firstPage && columns.length && measured.current?.key !== columnsKey) measured.current = { key: columnsKey, px: textWidths(columns, firstPage, scroller.current) };
  const px = measured.current?.key === columnsKey ? measured.current.px : null;
  const colWidths = useMemo(() => columns.map((c, k) => widths[c] ?? Math.min(MAX_WIDTH, Math.max(90, c.length * 9 + 28, px ? px[k] + 24 : 0))), [columns, widths, px]);
  const gridTemplate = colWidths.map((w) => `${w}px`).join(' ');
  const fullWidth = colWidths.reduce((a, b) => a + b, 0);

  // Handlers through a ref: rows stay memoised while the parent re-renders with new closures.
  const handlers = useRef<RowHandlers>({ renderCell, onRowClick, onRowOpen });
  useEffect(() => {
    handlers.current = { renderCell, onRowClick, onRowOpen };
  });
  const keyIndex = rowKey ? columns.indexOf(rowKey) : -1;
  const keyOf = (row: PlainValue[] | undefined) => (row && keyIndex >= 0 && row[keyIndex] !== null ? String(row[keyIndex]) : null);

  const toggleSort = (column: string) => {
    if (!sortable || unsortable.includes(column)) return;
    setSort((s) => (s?.column !== column ? { column, descending: false } : s.descending ? null : { column, descending: true }));
  };

  return (
    <section className="data-table" data-testid={testId}>
      <header className="data-table-bar">
        {title && <h2>{title}</h2>}
        <span className="count" data-testid="row-count">
          {total === null ? 'Counting…' : `${total.toLocaleString('en-CA')} ${total === 1 ? 'row' : 'rows'}${appliedFilter ? ' match' : ''}`}
        </span>
        {toolbar}
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
              disabled={!sortable || unsortable.includes(c)}
              title={sortable && !unsortable.includes(c) ? `Sort by ${c}` : c}
            >
              {c}
              {sort?.column === c && <span aria-hidden="true">{sort.descending ? ' ▼' : ' ▲'}</span>}
            </button>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), width: fullWidth, position: 'relative' }}>
          {items.map((item) => {
            const row = pages.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
            const key = keyOf(row);
            return (
              <Row
                key={item.index % slots}
                index={item.index}
                start={item.start}
                row={row}
                rowKey={key}
                columns={columns}
                gridTemplate={gridTemplate}
                selected={selected ? key !== null && selected.has(key) : undefined}
                interactive={!!(onRowClick || onRowOpen)}
                handlers={handlers}
              />
            );
          })}
        </div>
        {total === 0 && <p className="empty">{appliedFilter ? 'No rows match the filter: clear it or try other words.' : (emptyText ?? 'No rows.')}</p>}
      </div>
    </section>
  );
}

interface RowHandlers {
  renderCell?: (column: string, value: PlainValue) => ReactNode | undefined;
  onRowClick?: (key: string, e: MouseEvent) => void;
  onRowOpen?: (key: string) => void;
}

interface RowProps {
  index: number;
  start: number;
  row: PlainValue[] | undefined;
  rowKey: string | null;
  columns: string[];
  gridTemplate: string;
  selected: boolean | undefined;
  interactive: boolean;
  handlers: RefObject<RowHandlers>;
}

/** One row; memoised, so that scrolling renders only the rows that come into view. */
const Row = memo(function Row({ index, start, row, rowKey, columns, gridTemplate, selected, interactive, handlers }: RowProps) {
  const h = handlers.current;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-busy={row ? undefined : true}
      tabIndex={interactive ? -1 : undefined}
      className={`tr ${index % 2 ? 'odd' : ''}${selected ? ' selected' : ''}${h.onRowClick ? ' clickable' : ''}`}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: gridTemplate, height: ROW_HEIGHT }}
      onClick={rowKey !== null ? (e) => handlers.current.onRowClick?.(rowKey, e) : undefined}
      onDoubleClick={rowKey !== null ? () => handlers.current.onRowOpen?.(rowKey) : undefined}
      onKeyDown={rowKey !== null ? (e) => e.key === 'Enter' && handlers.current.onRowOpen?.(rowKey) : undefined}
    >
      {row ? (
        row.map((v, i) => {
          const custom = h.renderCell?.(columns[i], v);
          return (
            <span role="gridcell" key={i} className={custom !== undefined ? 'td custom' : typeof v === 'number' ? 'td num' : v === null ? 'td null' : 'td'} title={custom !== undefined ? undefined : visibleText(displayText(v))}>
              {custom !== undefined ? custom : v === null ? '—' : visibleText(displayText(v))}
            </span>
          );
        })
      ) : (
        // Empty cells in the same places, so that the row's DOM is reused when its page arrives.
        columns.map((_, i) => (
          <span key={i} className="td loading">
            {i === 0 ? '…' : null}
          </span>
        ))
      )}
    </div>
  );
});
