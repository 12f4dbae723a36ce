/**
 * The sharing benchmark's generated profiles (bench/sharing.ts), made from generated peak areas by the product's own
 * functions, as a lab's workspace makes them (shared/sharing/shared-profiles.ts): the areas read in results batches
 * under a non-detect rule (non-detects.ts), pretreated (N and the fourth root), and under 'half-lod' the detection part
 * a package of schema 2 and the store's rows carry (detection-part.ts detectionOf), which publish, the store's trigger,
 * pull and receive check against the relative areas.
 */
import { mulberry32 } from '../shared/profiling/util/rng';
import type { NonDetectRule } from '../shared/profiling/non-detects';
import { pretreat } from '../shared/profiling/pretreatment';
import { createSignatureMatrix, withNonDetectRule, type SignatureMatrix } from '../shared/profiling/signature-matrix';
import { comparableKey, type SharedMethod } from '../shared/sharing/exchange-method';
import { detectionOf } from '../shared/sharing/detection-part';
import type { SharedProfiles } from '../shared/sharing/shared-profiles';

/** Samples per results batch: each batch has its own detection limit, the smallest area detected in it. */
export const BATCH_SAMPLES = 50;

/**
 * n generated profiles of p compounds: 2,000 classes, three years, nine regions, 12 ports of entry on 8 % of them;
 * each compound not detected in 15 % of the samples, a detected area uniform on (0, 1). Under 'half-lod' each batch
 * of BATCH_SAMPLES samples has its non-detects at half its limit as a share of the batch's median sample (about 1e-4
 * of a sample's total here, the relative limit of a minor impurity); under 'zero' (a calibration made before the rule
 * was recorded) they are 0 and the profiles carry no detection part (package schema 1, NULL flags in the store).
 * The same areas whatever the rule. O(n·p).
 */
export async function generatedProfiles(n: number, p: number, rule: NonDetectRule): Promise<SharedProfiles> {
  const rng = mulberry32(13);
  const rnd = (): number => rng.next();
  const compounds = Array.from({ length: p }, (_, c) => `Impurity ${String(c + 1).padStart(2, '0')}`);
  const base = { compounds, pretreatment: 'fourth-root', score: 'pearson', log_offset: 1e-4, column_scaling: null };
  const method: SharedMethod = {
    ...base,
    calibration_id: 'C0001',
    comparable_key: await comparableKey(base),
    threshold: { distance: 0.02, score_100: 1, fpr: 0.025, tpr: 0.95 },
    accepted_fpr: 0.025,
    auc: 0.98,
    pairs: { linked: 5000, unlinked: 50000 },
    pairs_rule: null,
    lr: { model: 'bench', validated: false, validation: null },
    warnings: [],
  };
  const areas = new Float64Array(n * p);
  const detected = new Uint8Array(n * p);
  for (let k = 0; k < n * p; k++) {
    areas[k] = rnd() < 0.15 ? 0 : rnd();
    detected[k] = areas[k] > 0 ? 1 : 0;
  }
  const regions = ['British Columbia', 'Alberta', 'Saskatchewan', 'Manitoba', 'Ontario', 'Québec', 'New Brunswick', 'Nova Scotia', 'Newfoundland and Labrador'];
  const ports = ['Pacific Highway', 'Douglas', 'Coutts', 'North Portal', 'Emerson', 'Ambassador Bridge', 'Blue Water Bridge', 'Peace Bridge', 'Queenston-Lewiston Bridge', 'Lacolle', 'Stanstead', 'Woodstock'];
  const ids = Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(7, '0')}`);
  const m = inBatches(createSignatureMatrix(ids, compounds, areas, detected, rule));
  const day0 = Date.UTC(2023, 0, 1);
  return {
    lab: null,
    method,
    classRunId: 'R0001',
    n,
    facts: {
      sample_id: ids,
      class_id: ids.map((_, i) => i % 2000),
      drug: ids.map((_, i) => (i % 4 === 3 ? 'methamphetamine' : 'fentanyl')),
      seized_on: ids.map((_, i) => new Date(day0 + ((i * 7919) % 1095) * 86_400_000).toISOString().slice(0, 10)),
      region: ids.map((_, i) => regions[i % regions.length]),
      port_of_entry: ids.map((_, i) => (i % 12 === 5 ? ports[i % ports.length] : null)),
      agency: ids.map((_, i) => (i % 12 === 5 ? 'CBSA' : 'RCMP')),
      case_id: ids.map((_, i) => `CASE-${Math.floor(i / 4)}`),
      seizure_id: ids.map((_, i) => `EX-${Math.floor(i / 2)}`),
    },
    values: pretreat(m, 'fourth-root').values,
    relative: pretreat(m, 'n').values,
    detection: detectionOf(m),
  };
}

/** The matrix's samples read as consecutive results batches of BATCH_SAMPLES under its rule, as the workspace's loader does per batch. O(n·p). */
function inBatches(m: SignatureMatrix): SignatureMatrix {
  if (m.nonDetects !== 'half-lod') return m;
  const p = m.compounds.length;
  const n = m.sampleIds.length;
  const values = new Float64Array(n * p);
  const limits = new Float64Array(n);
  for (let from = 0; from < n; from += BATCH_SAMPLES) {
    const to = Math.min(n, from + BATCH_SAMPLES);
    const batch = withNonDetectRule(createSignatureMatrix(m.sampleIds.slice(from, to), m.compounds, m.values.slice(from * p, to * p), m.detected!.slice(from * p, to * p)), 'half-lod');
    values.set(batch.values, from * p);
    limits.set(batch.limits!, from);
  }
  return { ...m, values, limits };
}
