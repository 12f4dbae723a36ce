/** Loads the golden fixtures written by scripts/golden/make_attribution_fixtures.py (scikit-learn / scipy). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'attribution');

export interface LdaBlock {
  shrinkage: number | 'auto' | 'pooled-ledoit-wolf';
  priors: 'uniform' | 'empirical';
  classes: string[];
  covariance: number[];
  coef: number[];
  intercept: number[];
  intensities: number[];
  proba: number[];
  predict: string[];
}

export interface KnnBlock {
  k: number;
  classes: string[];
  proba: number[];
  predict: string[];
}

export interface CvBlock {
  folds: number[];
  classes: string[];
  lda_predict: string[];
  lda_accuracy: number;
  lda_confusion: number[];
  knn_predict: string[];
  knn_accuracy: number;
  knn_confusion: number[];
}

export interface ClassifierDataset {
  name: string;
  n: number;
  p: number;
  X: number[];
  routes: string[];
  sources: string[];
  pretreated: number[];
  distances: number[];
  train: number[];
  test: number[];
  lda: LdaBlock[];
  knn: KnnBlock[];
  cv: CvBlock;
}

let cached: ClassifierDataset[] | null = null;

export function classifierDatasets(): ClassifierDataset[] {
  cached ??= (JSON.parse(readFileSync(join(DIR, 'classifiers.json'), 'utf8')) as { datasets: ClassifierDataset[] }).datasets;
  return cached;
}
