/**
 * Where a table's rows come from: a SQL relation paged from DuckDB (never all rows in memory or in the
 * DOM), or a result already in hand (the SQL console's).
 */
import type { Table } from 'apache-arrow';
import type { Database } from '../../shared/db/Database';
import { sqlIdent, sqlString } from '../../shared/db/Database';
import { columnNames, plainRows, type PlainValue } from '../../shared/db/arrow-values';

export interface SortSpec {
  column: string;
  descending: boolean;
}

export interface RowSource {
  columns(): Promise<string[]>;
  count(filter: string): Promise<number>;
  page(offset: number, limit: number, sort: SortSpec | null, filter: string): Promise<PlainValue[][]>;
}

/**
 * Rows of a view or subquery, sorted and filtered in SQL, fetched a page at a time. The text filter looks
 * in `search` columns when given (list columns such as signatures make poor text), else in every column.
 */
export function sqlRowSource(db: Database, relation: string, options: { search?: readonly string[] } = {}): RowSource {
  let cols: string[] | null = null;
  const columns = async () => (cols ??= columnNames(await db.query(`SELECT * FROM ${relation} LIMIT 0`)));
  const where = async (filter: string) => {
    if (filter.trim() === '') return '';
    const searched = options.search ?? (await columns());
    const all = searched.map((c) => `COALESCE(CAST(${sqlIdent(c)} AS VARCHAR), '')`).join(", ' ', ");
    return `WHERE concat(${all}) ILIKE ${sqlString(`%${filter.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`)} ESCAPE '\\'`;
  };
  return {
    columns,
    async count(filter) {
      const t = await db.query(`SELECT count(*) AS n FROM ${relation} ${await where(filter)}`);
      return Number(t.getChild('n')!.get(0));
    },
    async page(offset, limit, sort, filter) {
      const order = sort ? `ORDER BY ${sqlIdent(sort.column)} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST` : '';
      const t = await db.query(`SELECT * FROM ${relation} ${await where(filter)} ${order} LIMIT ${limit} OFFSET ${offset}`);
      return plainRows(t);
    },
  };
}

/** Rows of an Arrow table in hand; sorting and filtering are not offered (the SQL says what it wants). */
export function arrowRowSource(table: Table): RowSource {
  return {
    columns: async () => columnNames(table),
    count: async () => table.numRows,
    page: async (offset, limit) => plainRows(table, offset, limit),
  };
}
