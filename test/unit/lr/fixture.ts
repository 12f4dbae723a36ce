/** The golden fixture of scripts/golden/make_lr_fixtures.py (numpy + scikit-learn). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PerformanceFixture {
  llr: number[];
  label: number[];
  cllr: number;
  cllr_min: number;
  cllr_cal: number;
  pav_llr: (number | null)[];
  pav_llr_inf: number[];
  eer: number;
  misleading: { hd_above_1: number; hp_below_1: number; hd_above_100: number; hp_below_100: number };
  ece_priors: number[];
  ece: number[];
  ece_reference: number[];
  elub: [number, number];
}

export interface PipelineFixture {
  train_distance: number[];
  train_label: number[];
  test_distance: number[];
  offset: number;
  pav: { x: number[]; y: number[]; bounds: [number, number]; test_llr: number[] };
  logistic: { intercept: number; slope: number; bounds: [number, number]; test_llr: number[] };
}

const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'lr', 'lr.json');
export const LR_FIXTURE = JSON.parse(readFileSync(file, 'utf8')) as { performance: Record<string, PerformanceFixture>; pipeline: PipelineFixture };
