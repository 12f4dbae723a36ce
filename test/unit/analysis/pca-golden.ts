/** The PCA golden fixture (scripts/golden/make_pca_fixtures.py) and a workspace holding its samples. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { Workspace } from '../../../shared/workspace/Workspace';
import { addRows, TEST_ACTOR, type ResultRow, type SampleRow } from './make-workspace';

export interface PcaGolden {
  compounds: string[];
  sample_ids: string[];
  source_of_sample: number[];
  areas: number[];
  pca: { n_components: number; scores: number[]; components: number[]; explained_variance: number[]; explained_variance_ratio: number[] };
}
export const PCA_GOLDEN = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/analysis/pca-workspace.json'), 'utf8')) as PcaGolden;

/** A workspace holding the fixture's samples and peak areas (every compound detected). */
export async function goldenWorkspace(dir: string): Promise<void> {
  const g = PCA_GOLDEN;
  const ws = await Workspace.create(new NodeFileStore(dir), 'PCA golden', TEST_ACTOR);
  const p = g.compounds.length;
  const samples: SampleRow[] = g.sample_ids.map((id, i) => ({
    sample_id: id, seizure_id: `EX-${Math.floor(i / 2)}`, case_id: `CASE-${g.source_of_sample[i]}-${Math.floor(i / 5)}`, seized_on: '2026-01-05', region: 'ON', city: 'Windsor', main_drug: 'fentanyl',
  }));
  const results: ResultRow[] = g.sample_ids.flatMap((id, i) => g.compounds.map((c, j) => ({ sample_id: id, compound_raw: c, area: g.areas[i * p + j] })));
  await addRows(ws, samples, results);
}

