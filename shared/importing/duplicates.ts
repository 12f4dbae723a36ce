/**
 * Finds rows that share a key (the same sample and compound twice, the same sample twice): keys and row
 * numbers are packed into one double and sorted natively, O(n log n) without a Map of a million entries.
 */

/**
 * Groups of rows (two or more) with equal keys. `keys[i]` is a non-negative integer below `keyLimit`, or
 * -1 for rows to leave out. Rows in each group are in file order; groups in order of their first row.
 */
export function duplicateGroups(keys: Int32Array | Float64Array, n: number, keyLimit: number): number[][] {
  const rowScale = 2 ** Math.ceil(Math.log2(n + 1));
  const groups: number[][] = [];
  if (keyLimit * rowScale <= Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) if (keys[i] >= 0) packed[m++] = keys[i] * rowScale + i;
    const sorted = packed.subarray(0, m).sort();
    for (let a = 0; a < m; ) {
      const key = Math.floor(sorted[a] / rowScale);
      let b = a + 1;
      while (b < m && Math.floor(sorted[b] / rowScale) === key) b++;
      if (b - a > 1) {
        const g: number[] = [];
        for (let k = a; k < b; k++) g.push(sorted[k] - key * rowScale);
        groups.push(g);
      }
      a = b;
    }
  } else {
    const byKey = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      if (keys[i] < 0) continue;
      const g = byKey.get(keys[i]);
      if (g) g.push(i);
      else byKey.set(keys[i], [i]);
    }
    for (const g of byKey.values()) if (g.length > 1) groups.push(g);
  }
  return groups.sort((x, y) => x[0] - y[0]);
}

/** "also on line 12" / "also on lines 12, 40" for one member of a group. */
export function alsoOn(lines: number[], self: number): string {
  const others = lines.filter((l, i) => i !== self);
  return others.length === 1 ? `also on line ${others[0]}` : `also on lines ${others.slice(0, 5).join(', ')}${others.length > 5 ? ' …' : ''}`;
}
