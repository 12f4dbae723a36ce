/** Agreement between found classes and known sources, for the tests: adjusted Rand index and purity. */

const pairs = (k: number): number => (k * (k - 1)) / 2;

/** Adjusted Rand index (Hubert & Arabie 1985) of two labelings of the same items: 1 = identical partitions, ~0 = chance. */
export function adjustedRandIndex(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number {
  const n = a.length;
  const table = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const x = String(a[i]);
    const y = String(b[i]);
    table.set(`${x}\u0000${y}`, (table.get(`${x}\u0000${y}`) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  }
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let sa = 0;
  let sb = 0;
  for (const v of rows.values()) sa += pairs(v);
  for (const v of cols.values()) sb += pairs(v);
  const expected = (sa * sb) / pairs(n);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Share of items whose class's majority source is their own source. */
export function purity(classes: ArrayLike<number | string>, sources: ArrayLike<number | string>): number {
  const counts = new Map<string, Map<string, number>>();
  for (let i = 0; i < classes.length; i++) {
    const c = String(classes[i]);
    const m = counts.get(c) ?? new Map<string, number>();
    m.set(String(sources[i]), (m.get(String(sources[i])) ?? 0) + 1);
    counts.set(c, m);
  }
  let majority = 0;
  for (const m of counts.values()) majority += Math.max(...m.values());
  return majority / classes.length;
}
