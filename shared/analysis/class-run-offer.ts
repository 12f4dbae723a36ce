/**
 * What to offer when the latest class run is out of date (StaleNotice in the app), and why: a threshold-graph run is
 * extended by the samples imported since (class-run-graph.ts: only the classes they link to are clustered again, every
 * other class keeps its members and id); a full run has no graph to extend, so a full re-run is offered where the
 * memory check lets it run (the automatic mode tries every linkage, hence the two condensed copies of average
 * linkage: profiling/linkage.ts estimateMemory), and classes from the threshold graph (no n × n matrix) always.
 */
import { DEFAULT_MEMORY_BUDGET_BYTES, estimateMemory, formatBytes } from '../profiling/linkage';
import type { ClassRunRecord } from './class-run-record';
import type { Freshness } from './freshness';

export interface ClassRunOffer {
  /** Extend the graph run by the samples imported since. */
  extend: boolean;
  /** Build the classes from the threshold graph, from every sample. */
  graph: boolean;
  /** Run the full clustering again (automatic mode). */
  full: boolean;
  /** Why, in sentences. */
  why: string[];
}

/** Pretreatments fitted on the data set itself: without a calibration's fixed scaling, adding samples changes every profile. */
export const FITTED_ON_DATA: ReadonlySet<string> = new Set(['n+s', 'autoscale']);

/**
 * The offer for `record` given its freshness and the samples a re-run would cluster (`samples`). `maxBytes`: the
 * full clustering's memory budget (default 2 GiB, as the class run's).
 */
export function classRunOffer(record: Pick<ClassRunRecord, 'id' | 'method' | 'settings'>, fresh: Freshness, samples: number, maxBytes: number = DEFAULT_MEMORY_BUDGET_BYTES): ClassRunOffer {
  const needed = estimateMemory(samples, 'average');
  const fits = needed <= maxBytes;
  const n = samples.toLocaleString('en-US');
  const memory = fits
    ? `A full re-run of ${n} samples needs about ${formatBytes(needed)}, within the ${formatBytes(maxBytes)} memory budget.`
    : `A full re-run of ${n} samples would need about ${formatBytes(needed)}, beyond the ${formatBytes(maxBytes)} memory budget: classes from the threshold graph need no n × n matrix.`;
  if (record.method.kind === 'full') {
    return { extend: false, graph: true, full: fits, why: [`Run ${record.id} is a full clustering (a tree over every pair of samples): it has no threshold graph to extend.`, memory] };
  }
  const blocked: string[] = [];
  if (fresh.replacedBatches.length) blocked.push(`${fresh.replacedBatches.length === 1 ? `batch ${fresh.replacedBatches[0]} was` : `batches ${fresh.replacedBatches.join(', ')} were`} superseded since, so profiles it clustered changed`);
  if (record.settings.calibration_id === null && FITTED_ON_DATA.has(record.settings.pretreatment)) blocked.push('its pretreatment was fitted on its own samples (no calibration\u2019s fixed scaling), so every profile changes when samples are added');
  if (blocked.length) return { extend: false, graph: true, full: fits, why: [`Run ${record.id} cannot be extended: ${blocked.join('; ')}. The threshold graph is built again from every sample.`, memory] };
  const extend = fresh.newBatches.length > 0;
  return {
    extend,
    // Nothing to add (the dictionary or the calibration changed): the graph built again is the graph-run action.
    graph: !extend,
    full: fits,
    why: [
      extend
        ? `Extending adds the samples imported since to run ${record.id} with its settings and calibration${record.settings.calibration_id ? ` ${record.settings.calibration_id}` : ''}: only the classes they link to are clustered again; every other class keeps its members and its id.`
        : `No samples were added since run ${record.id}: the threshold graph is built again from every sample.`,
      memory,
    ],
  };
}
