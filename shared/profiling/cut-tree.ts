/**
 * Cutting a linkage tree into chemical classes, as scipy.cluster.hierarchy.fcluster does (criteria 'distance'
 * and 'maxclust'), with scipy's cluster numbering (1-based, in its tree-walk order). Use `numberClasses`
 * (class-ids.ts) for the workbench's size-ordered class ids.
 */

/** Largest merge height within each cluster of the tree (scipy get_max_dist_for_each_cluster). O(n). */
export function maxDistPerCluster(z: Float64Array): Float64Array {
  const rows = z.length / 4;
  const n = rows + 1;
  const md = new Float64Array(rows);
  // Children always precede parents in a linkage matrix, so one forward pass suffices.
  for (let k = 0; k < rows; k++) {
    let m = z[k * 4 + 2];
    const a = z[k * 4];
    const b = z[k * 4 + 1];
    if (a >= n && md[a - n] > m) m = md[a - n];
    if (b >= n && md[b - n] > m) m = md[b - n];
    md[k] = m;
  }
  return md;
}

/** scipy's cluster_monocrit: labels 1…k for subtrees whose criterion ≤ cutoff, walking left-first. O(n). */
function clusterMonocrit(z: Float64Array, mc: Float64Array, cutoff: number): Int32Array {
  const n = z.length / 4 + 1;
  const t = new Int32Array(n);
  if (n === 1) {
    t[0] = 1;
    return t;
  }
  const stack = new Int32Array(n);
  const visited = new Uint8Array(2 * n - 1);
  let nCluster = 0;
  let leader = -1;
  let k = 0;
  stack[0] = 2 * n - 2;
  while (k >= 0) {
    const root = stack[k] - n;
    const lc = z[root * 4];
    const rc = z[root * 4 + 1];
    if (leader === -1 && mc[root] <= cutoff) {
      leader = root;
      nCluster++;
    }
    if (lc >= n && visited[lc] === 0) {
      visited[lc] = 1;
      stack[++k] = lc;
      continue;
    }
    if (rc >= n && visited[rc] === 0) {
      visited[rc] = 1;
      stack[++k] = rc;
      continue;
    }
    if (lc < n) {
      if (leader === -1) nCluster++;
      t[lc] = nCluster;
    }
    if (rc < n) {
      if (leader === -1) nCluster++;
      t[rc] = nCluster;
    }
    if (leader === root) leader = -1;
    k--;
  }
  return t;
}

/**
 * Flat classes at a distance threshold (fcluster criterion 'distance'): samples joined by merges of height
 * ≤ threshold share a class. Threshold in the units of the distances clustered, e.g. the calibrated link
 * threshold at 2.5 % FPR (Popovic et al.). Returns scipy's labels, 1-based. O(n).
 */
export function cutAtDistance(z: Float64Array, threshold: number): Int32Array {
  return clusterMonocrit(z, maxDistPerCluster(z), threshold);
}

/** Number of flat clusters that threshold `thresh` gives; stops counting past `limit`. O(n). */
function countClusters(z: Float64Array, mc: Float64Array, thresh: number, limit: number, stack: Int32Array, visited: Uint8Array): number {
  const n = z.length / 4 + 1;
  visited.fill(0);
  let nc = 0;
  let k = 0;
  stack[0] = 2 * n - 2;
  while (k >= 0) {
    const root = stack[k] - n;
    const lc = z[root * 4];
    const rc = z[root * 4 + 1];
    if (mc[root] <= thresh) {
      nc++;
      if (nc > limit) return nc;
      k--;
      visited[lc] = 1;
      visited[rc] = 1;
      continue;
    }
    if (visited[lc] === 0) {
      visited[lc] = 1;
      if (lc >= n) {
        stack[++k] = lc;
        continue;
      }
      nc++;
      if (nc > limit) return nc;
    }
    if (visited[rc] === 0) {
      visited[rc] = 1;
      if (rc >= n) {
        stack[++k] = rc;
        continue;
      }
      nc++;
      if (nc > limit) return nc;
    }
    k--;
  }
  return nc;
}

/**
 * At most k flat classes (fcluster criterion 'maxclust'): the lowest merge height whose cut yields ≤ k classes
 * (fewer than k when heights tie). Returns scipy's labels, 1-based. O(n log n).
 */
export function cutIntoClusters(z: Float64Array, k: number): Int32Array {
  const n = z.length / 4 + 1;
  if (!(k >= 1)) throw new RangeError(`the number of classes must be at least 1, got ${k}`);
  if (k >= n) {
    const t = new Int32Array(n);
    for (let i = 0; i < n; i++) t[i] = i + 1;
    return t;
  }
  const mc = maxDistPerCluster(z);
  const stack = new Int32Array(n);
  const visited = new Uint8Array(2 * n - 1);
  let lower = -1;
  let upper = n - 1;
  while (upper - lower > 1) {
    const i = (lower + upper) >> 1;
    if (countClusters(z, mc, mc[i], k, stack, visited) > k) lower = i;
    else upper = i;
  }
  return clusterMonocrit(z, mc, mc[upper]);
}

/** Number of distinct labels (labels are 1…k). O(n). */
export function classCount(labels: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > max) max = labels[i];
  return max;
}
