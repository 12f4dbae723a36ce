/**
 * What the app offers for out-of-date classes, and why: a graph run is extended; a full run is re-run in full where the
 * memory check allows it and built from the threshold graph otherwise (or as well); a graph run whose batches were
 * superseded is built again.
 */
import { describe, expect, it } from 'vitest';
import { classRunOffer } from '../../../shared/analysis/class-run-offer';
import type { ClassRunRecord } from '../../../shared/analysis/class-run-record';
import type { Freshness } from '../../../shared/analysis/freshness';
import { estimateMemory } from '../../../shared/profiling/linkage';

const graph = { kind: 'threshold-graph', edges: 10, components: 5, largest_component: 3, extended_from: null, added_samples: 0, touched_components: 0 } as const;
const settings = { calibration_id: 'C0001', pretreatment: 'fourth-root' } as ClassRunRecord['settings'];
const imported: Freshness = { current: false, newBatches: ['B0004'], replacedBatches: [], changedDocuments: [], reasons: ['batch B0004 was imported after it'] };

describe('classRunOffer', () => {
  it('extends a graph run when samples were imported since, with its calibration, and says what extending keeps', () => {
    const o = classRunOffer({ id: 'R0002', method: graph, settings }, imported, 500);
    expect(o).toMatchObject({ extend: true, graph: false, full: true });
    expect(o.why[0]).toBe('Extending adds the samples imported since to run R0002 with its settings and calibration C0001: only the classes they link to are clustered again; every other class keeps its members and its id.');
    expect(o.why[1]).toMatch(/^A full re-run of 500 samples needs about [\d.]+ MiB, within the 2\.00 GiB memory budget\.$/);
  });

  it('offers a full re-run of a full run where the memory check allows it, and the threshold graph in any case', () => {
    const fits = classRunOffer({ id: 'R0001', method: { kind: 'full' }, settings }, imported, 1_000);
    expect(fits).toMatchObject({ extend: false, graph: true, full: true });
    expect(fits.why[0]).toBe('Run R0001 is a full clustering (a tree over every pair of samples): it has no threshold graph to extend.');
    // 100,000 samples: two condensed copies of 40 GB each, far beyond the budget.
    const big = classRunOffer({ id: 'R0001', method: { kind: 'full' }, settings }, imported, 100_000);
    expect(big).toMatchObject({ extend: false, graph: true, full: false });
    expect(big.why[1]).toMatch(/^A full re-run of 100,000 samples would need about [\d.]+ GiB, beyond the 2\.00 GiB memory budget: classes from the threshold graph need no n × n matrix\.$/);
    // The limit is the memory check's own estimate.
    const budget = estimateMemory(1_000, 'average');
    expect(classRunOffer({ id: 'R0001', method: { kind: 'full' }, settings }, imported, 1_000, budget).full).toBe(true);
    expect(classRunOffer({ id: 'R0001', method: { kind: 'full' }, settings }, imported, 1_000, budget - 1).full).toBe(false);
  });

  it('builds a graph run again when a batch it read was superseded, or its pretreatment was fitted on its own samples', () => {
    const superseded = classRunOffer({ id: 'R0002', method: graph, settings }, { ...imported, replacedBatches: ['B0003'] }, 500);
    expect(superseded).toMatchObject({ extend: false, graph: true });
    expect(superseded.why[0]).toBe('Run R0002 cannot be extended: batch B0003 was superseded since, so profiles it clustered changed. The threshold graph is built again from every sample.');
    const fitted = classRunOffer({ id: 'R0002', method: graph, settings: { ...settings, calibration_id: null, pretreatment: 'autoscale' } }, imported, 500);
    expect(fitted).toMatchObject({ extend: false, graph: true });
    expect(fitted.why[0]).toMatch(/its pretreatment was fitted on its own samples/);
  });
});
