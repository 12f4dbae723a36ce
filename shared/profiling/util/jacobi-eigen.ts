/**
 * Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi method (Golub & Van Loan, Matrix
 * Computations, §8.5). Accurate to a few ulps of the largest eigenvalue; meant for p ≲ 100 (p is 10–60 compounds).
 */

/**
 * Eigenvalues (descending) and eigenvectors (columns of the row-major p×p `vectors`) of the symmetric p×p matrix
 * `a` (row-major; not modified). O(p³) per sweep, typically 6–10 sweeps.
 */
export function jacobiEigen(a: Float64Array, p: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  let norm = 0;
  for (let k = 0; k < p * p; k++) norm += m[k] * m[k];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += m[i * p + j] * m[i * p + j];
    if (off <= 1e-32 * norm || off === 0) break;
    for (let r = 0; r < p - 1; r++) {
      for (let s = r + 1; s < p; s++) {
        const ars = m[r * p + s];
        if (ars === 0) continue;
        const arr = m[r * p + r];
        const ass = m[s * p + s];
        const theta = (ass - arr) / (2 * ars);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < p; k++) {
          const akr = m[k * p + r];
          const aks = m[k * p + s];
          m[k * p + r] = c * akr - sn * aks;
          m[k * p + s] = sn * akr + c * aks;
        }
        for (let k = 0; k < p; k++) {
          const ark = m[r * p + k];
          const ask = m[s * p + k];
          m[r * p + k] = c * ark - sn * ask;
          m[s * p + k] = sn * ark + c * ask;
        }
        for (let k = 0; k < p; k++) {
          const vkr = v[k * p + r];
          const vks = v[k * p + s];
          v[k * p + r] = c * vkr - sn * vks;
          v[k * p + s] = sn * vkr + c * vks;
        }
      }
    }
  }
  const order = Array.from({ length: p }, (_, i) => i).sort((x, y) => m[y * p + y] - m[x * p + x] || x - y);
  const values = new Float64Array(p);
  const vectors = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    const src = order[c];
    values[c] = m[src * p + src];
    for (let k = 0; k < p; k++) vectors[k * p + c] = v[k * p + src];
  }
  return { values, vectors };
}
