/**
 * Linking at import and `sigwb links` on the bundled sample data: the Québec lab's GC-MS batch imported after the rest
 * was calibrated and clustered is linked at import; every link is within the search threshold of its drug's store (at
 * most 1 false link expected per search, never looser than the calibration's threshold) and names the class its
 * stored sample belongs to; a record made before the search rule still reads; alerts list what an investigator reads; an acknowledgement lands in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrationPairDistance } from '../../../shared/analysis/calibration-comparison';
import { readCalibrationRecord } from '../../../shared/analysis/calibration-record';
import { calibratedSignatures } from '../../../shared/sharing/shared-profiles';
import { openWorkspaceDb } from '../analysis/make-workspace';
import { calibrationLrModels, distancesFromArrow } from '../../../shared/analysis/calibration-store';
import { differentSourceTail, rateAt } from '../../../shared/linking/search-threshold';
import { readLinksRecord } from '../../../shared/linking/link-record';
import { sampleSearchText, searchLines } from '../../../shared/linking/search-text';
import { scoreLlr } from '../../../shared/lr/score-lr';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'samples');
let t: ReturnType<typeof tempDir>;
let ws: string;
let importOut: string;

beforeAll(async () => {
  t = tempDir('sigwb-links-');
  ws = path.join(t.dir, 'ws');
  expect((await runCli('init', ws)).code).toBe(0);
  const first = await runCli('import', '-w', ws, ...['metadata/lims-seizures.csv', 'metadata/quebec-saisies.csv', 'results/gcms-impurities.csv'].map((f) => path.join(SAMPLES, f)));
  expect(first.code, first.err).toBe(0);
  expect(first.out).toContain('note: B0003 not linked: no calibration yet');
  expect((await runCli('calibrate', '-w', ws)).code).toBe(0);
  expect((await runCli('cluster', '-w', ws, '--out', path.join(t.dir, 'classes.csv'))).code).toBe(0);
  const second = await runCli('import', '-w', ws, path.join(SAMPLES, 'results/gcms-impurities-quebec.tsv'));
  expect(second.code, second.err).toBe(0);
  importOut = second.out;
}, 180_000);
afterAll(() => t.cleanup());

describe('linking at import', () => {
  it('links the new batch against every stored profile and says what joined, bridged or started a class', () => {
    expect(importOut).toMatch(/B0004: linked 79 samples against 378 stored profiles of the same drug \(calibration C0001\): \d+ links; \d+ joined a class, \d+ bridge classes, \d+ new candidate classes; \d+ alerts; fentanyl: search threshold score [\d.]+\/100, stricter than the calibration’s, against 456 fentanyl profiles: [\d.]+ false links per search expected \(at most [\d.]+ at 95 %\) \(sigwb links --since B0004\)/);
  });

  it('keeps links within the search threshold of the store, at most 1 false link per search at 95 %, estimated on the calibration\'s different-source pairs', () => {
    const record = JSON.parse(readFileSync(path.join(ws, 'config/links-B0004.json'), 'utf8'));
    const calibration = readCalibrationRecord(JSON.parse(readFileSync(path.join(ws, 'config/calibration-C0001.json'), 'utf8')));
    const pairs = distancesFromArrow(readFileSync(path.join(ws, calibration.data.file)));
    const tail = differentSourceTail(calibration, pairs);
    // The rate at the calibration's own threshold is the FPR the calibration states (corrected for contamination).
    expect(rateAt(tail, calibration.threshold.distance).fpr).toBeCloseTo(calibration.threshold.fpr, 6);
    const search = record.method.search;
    expect(search).toMatchObject({ target_false_links: 1, confidence: 0.95, different_source_pairs: pairs.unlinked.length, corrected: calibration.contamination !== null });
    // 378 stored fentanyl profiles and the batch's 78 other new ones: 456 searched per new sample.
    expect(search.by_drug).toHaveLength(1);
    const s = search.by_drug[0];
    expect(s).toMatchObject({ drug: 'fentanyl', searched: 456, rule: 'expected-false-links' });
    expect(s.threshold).toBeLessThan(calibration.threshold.distance);
    const r = rateAt(tail, s.threshold);
    expect(s.expected_false_links_upper).toBeCloseTo(456 * r.upper, 9);
    expect(s.expected_false_links_upper).toBeLessThanOrEqual(1);
    // At the calibration's threshold a search of 456 profiles would give several false links: the reason for the rule.
    expect(456 * rateAt(tail, calibration.threshold.distance).fpr).toBeGreaterThan(1);
    for (const x of record.samples) for (const l of x.links) expect(l.distance).toBeLessThanOrEqual(s.threshold);
  });

  it('keeps links within the threshold, closest first, each naming the class of its stored sample', () => {
    const record = JSON.parse(readFileSync(path.join(ws, 'config/links-B0004.json'), 'utf8'));
    const classes = new Map(readFileSync(path.join(t.dir, 'classes.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).map((r) => [r[0], Number(r[1])]));
    expect(record.calibration_id).toBe('C0001');
    expect(record.class_run_id).toBe('R0001');
    let links = 0;
    for (const s of record.samples) {
      for (const [k, l] of s.links.entries()) {
        expect(l.distance).toBeLessThanOrEqual(record.method.threshold);
        if (k) expect(l.distance).toBeGreaterThanOrEqual(s.links[k - 1].distance);
        expect(l.class_id).toBe(classes.get(l.sample_id));
        // The threshold is at the contamination-corrected FPR (issue 11): near it the pair LR can be 1–2, which the
        // ENFSI scale reads as no support worth stating.
        expect(l.verbal).toMatch(/support for|^no support worth stating either way$/);
        links++;
      }
      if (s.assignment === 'class') expect(new Set(s.links.map((l: { class_id: number }) => l.class_id))).toEqual(new Set([s.class_id]));
      if (s.assignment === 'none') expect(s.links).toEqual([]);
      if (s.nearest && s.links.length) expect(s.nearest.sample_id).toBe(s.links[0].sample_id);
    }
    expect(links).toBeGreaterThan(0);
  });

  it('gives each link the LR of the calibration\'s validated pair LR system on its two samples compared as censored, worded with its propositions', async () => {
    const record = JSON.parse(readFileSync(path.join(ws, 'config/links-B0004.json'), 'utf8'));
    const calibration = readCalibrationRecord(JSON.parse(readFileSync(path.join(ws, 'config/calibration-C0001.json'), 'utf8')));
    const model = calibrationLrModels(calibration)!.pair;
    expect(calibration.lr_system!.pair_comparison).toBe('censored');
    expect(record.method.lr_validated).toBe(true);
    expect(record.method.lr_model).toMatch(/^pair LR of calibration C0001: PAV \(isotonic regression\), ELUB-bounded, held-out Cllr 0\.\d{3} \(seizure level; non-detects compared as censored\)$/);
    // The LR of a link is the calibration's model at the censored distance of its two samples, recomputed here from
    // the workspace's signatures (the score stays the row distance the search found it by).
    const { ws: w, db } = await openWorkspaceDb(ws);
    try {
      const { loaded } = await calibratedSignatures(db, calibration);
      const row = new Map(loaded.matrix.sampleIds.map((id, i) => [id, i]));
      const censored = calibrationPairDistance(calibration, loaded.matrix);
      let differ = 0;
      let n = 0;
      for (const s of record.samples as { sample_id: string; links: { sample_id: string; distance: number; log10_lr: number; verbal: string }[] }[]) {
        for (const l of s.links) {
          const d = censored(row.get(s.sample_id)!, row.get(l.sample_id)!);
          expect(l.log10_lr).toBe(scoreLlr(model, d));
          if (l.log10_lr !== scoreLlr(model, l.distance)) differ++;
          expect(l.verbal).toMatch(/^(no support worth stating either way|(weak|moderate|moderately strong|strong|very strong|extremely strong) support for (the same seizure|different cases))$/);
          n++;
        }
      }
      expect(n).toBeGreaterThan(0);
      // Not the row distance's LR: some links' samples differ in what they could detect.
      expect(differ).toBeGreaterThan(0);
    } finally {
      await db.close();
      await w.close();
    }
  }, 60_000);

  it('lists alerts since the batch and records an acknowledgement in the audit log', async () => {
    const listed = await runCli('links', '-w', ws, '--since', 'B0004', '--format', 'json');
    expect(listed.code, listed.err).toBe(0);
    const { alerts } = JSON.parse(listed.out);
    expect(alerts.length).toBeGreaterThan(0);
    const a = alerts[0];
    expect(a.kinds.length).toBeGreaterThan(0);
    expect(a.span.first_seen <= a.span.last_seen).toBe(true);
    expect(a.acknowledged).toBeNull();
    const ack = await runCli('links', '-w', ws, '--ack', a.id, '--note', 'passed to the RCMP liaison');
    expect(ack.code, ack.err).toBe(0);
    const audit = readFileSync(path.join(ws, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ action: 'links.ack', details: { alert: a.id, note: 'passed to the RCMP liaison' } });
    const text = await runCli('links', '-w', ws, '--since', '2000-01-01');
    expect(text.out).toContain(`seen  ${a.id}`);
    expect(text.out).toContain('passed to the RCMP liaison');
    // Each alert says the search threshold its sample was linked under; each batch the rule.
    expect(text.out).toContain('search rule: a link is kept within the distance at which the false links one search is expected to give');
    expect(text.out).toMatch(/strongest link: \S+, score [\d.]+\/100, LR [\d.e+]+ \([^)]+\)\n {6}fentanyl: search threshold score [\d.]+\/100, stricter than the calibration’s, against 456 fentanyl profiles/);
    const later = await runCli('links', '-w', ws, '--since', '2999-01-01');
    expect(later.out).toMatch(/^New links since 2999-01-01: 0 batches linked, 0 alerts/);
  });

  it('reads a record made before the search rule (schema 1) and says it was linked at the pair threshold', () => {
    const now = JSON.parse(readFileSync(path.join(ws, 'config/links-B0004.json'), 'utf8'));
    const { search: _search, ...method } = now.method;
    const old = readLinksRecord({ ...now, schema_version: 1, method }, 'config/links-B0004.json');
    expect(old.method.search).toBeNull();
    expect(old.samples).toEqual(now.samples);
    expect(searchLines(old)).toEqual(['linked at the calibration’s pair threshold (made before search thresholds: the false links a search may give were not stated)']);
    expect(sampleSearchText(old, 'fentanyl')).toBe(searchLines(old)[0]);
    expect(() => readLinksRecord({ ...now, schema_version: 3 }, 'config/links-B0004.json')).toThrow(/newer Signature Workbench/);
  });

  it('refuses an unknown alert (exit 1) and a malformed --since (exit 2)', async () => {
    expect((await runCli('links', '-w', ws, '--ack', 'B0004-NOPE-1')).code).toBe(1);
    expect((await runCli('links', '-w', ws, '--since', 'yesterday')).code).toBe(2);
  });
});
