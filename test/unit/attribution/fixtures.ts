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

/** What every attribution fixture data set holds: raw areas with routes and sources, and their fourth root. */
export interface FixtureData {
  name: string;
  n: number;
  p: number;
  X: number[];
  routes: string[];
  sources: string[];
  pretreated: number[];
  train: number[];
  test: number[];
}

export interface ClassifierDataset extends FixtureData {
  distances: number[];
  lda: LdaBlock[];
  knn: KnnBlock[];
  cv: CvBlock;
}

let cached: ClassifierDataset[] | null = null;

export function classifierDatasets(): ClassifierDataset[] {
  cached ??= (JSON.parse(readFileSync(join(DIR, 'classifiers.json'), 'utf8')) as { datasets: ClassifierDataset[] }).datasets;
  return cached;
}

/** A data set of scripts/golden/make_typicality_fixtures.py (numpy, scipy's Mahalanobis, sklearn's Ledoit–Wolf). */
export interface TypicalityDataset extends FixtureData {
  classes: string[];
  intensity: number;
  covariance: number[];
  /** Test samples × classes. */
  d2: number[];
  /** Fold per training reference, grouped by source. */
  folds: number[];
  /** Per training reference, D² to its own route without its fold (null: its route was absent). */
  heldout_d2: (number | null)[];
  cut_99: number;
  cut_95: number;
}

/** The typicality fixtures. */
export function typicalityDatasets(): TypicalityDataset[] {
  return (JSON.parse(readFileSync(join(DIR, 'typicality.json'), 'utf8')) as { datasets: TypicalityDataset[] }).datasets;
}
