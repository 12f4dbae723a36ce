/** The values the sample filters offer: regions, drugs and classes present, and the date range. */
import { useEffect, useState } from 'react';
import type { Database } from '../../../shared/db/Database';
import { markOpen } from '../../state/open-marks';

export interface FilterOptions {
  regions: string[];
  drugs: string[];
  /** Class ids with their sizes, largest first. */
  classes: { id: number; size: number }[];
  firstDate: string | null;
  lastDate: string | null;
}

const strings = (t: Awaited<ReturnType<Database['query']>>, col: string) => (t.getChild(col)?.toArray() ?? []).map(String) as string[];

export async function loadFilterOptions(db: Database): Promise<FilterOptions> {
  const [regions, drugs, classes, dates] = await Promise.all([
    db.query('SELECT DISTINCT region FROM samples WHERE region IS NOT NULL ORDER BY 1'),
    db.query('SELECT DISTINCT main_drug FROM samples WHERE main_drug IS NOT NULL ORDER BY 1'),
    db.query('SELECT class_id, CAST(count(*) AS INTEGER) AS size FROM ui_classes GROUP BY 1 HAVING count(*) > 1 ORDER BY size DESC, class_id'),
    db.query('SELECT CAST(min(seized_on) AS VARCHAR) AS first, CAST(max(seized_on) AS VARCHAR) AS last FROM samples'),
  ]);
  const ids = Array.from(classes.getChild('class_id')?.toArray() ?? [], Number);
  const sizes = Array.from(classes.getChild('size')?.toArray() ?? [], Number);
  return {
    regions: strings(regions, 'region'),
    drugs: strings(drugs, 'main_drug'),
    classes: ids.map((id, i) => ({ id, size: sizes[i] })),
    firstDate: (dates.getChild('first')?.get(0) as string | null) ?? null,
    lastDate: (dates.getChild('last')?.get(0) as string | null) ?? null,
  };
}

export function useFilterOptions(db: Database, version: number): FilterOptions | null {
  const [options, setOptions] = useState<FilterOptions | null>(null);
  useEffect(() => {
    let live = true;
    loadFilterOptions(db).then(
      (o) => {
        if (!live) return;
        // Version 0: before the signature tables (no class yet); the step of the open is the read from them.
        if (version > 0) markOpen('samples-filter-options');
        setOptions(o);
      },
      () => live && setOptions(null),
    );
    return () => {
      live = false;
    };
  }, [db, version]);
  return options;
}
