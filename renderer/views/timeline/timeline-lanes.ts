/**
 * Seizures per class over time, binned: one lane per class (the largest ones), a lane for the other
 * classes and one for samples linked to no other; in each lane one mark per period with the number of
 * seizures in it. Binning keeps the plot light at 10,000 samples (SVG marks stay in the hundreds).
 */
import type { SamplePoints } from '../../data/sample-points';

export interface Lane {
  label: string;
  classId: number | null;
  /** First and last seizure date in the lane. */
  first: string | null;
  last: string | null;
  bins: { period: string; seizures: number; samples: string[]; selected: number }[];
}

export type Period = 'week' | 'month';

/** The start of the period holding an ISO date (weeks start on Monday). */
export function periodOf(iso: string, period: Period): string {
  if (period === 'month') return `${iso.slice(0, 7)}-01`;
  const d = new Date(`${iso}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86400000).toISOString().slice(0, 10);
}

/** Lanes for up to `maxLanes` classes by size. O(samples). */
export function buildLanes(data: SamplePoints, linked: ReadonlySet<number>, selected: ReadonlySet<string>, period: Period, maxLanes = 15): Lane[] {
  const size = new Map<number, number>();
  data.classId.forEach((c) => c !== null && linked.has(c) && size.set(c, (size.get(c) ?? 0) + 1));
  const top = new Set([...size].sort((a, b) => b[1] - a[1]).slice(0, maxLanes).map(([c]) => c));
  const lanes = new Map<string, { lane: Lane; seizures: Map<string, Set<string>> }>();
  const laneOf = (c: number | null): { key: string; label: string; classId: number | null } => {
    if (c !== null && top.has(c)) return { key: `c${c}`, label: `Class ${c}`, classId: c };
    if (c !== null && linked.has(c)) return { key: 'other', label: 'Other classes', classId: null };
    return { key: 'none', label: 'Linked to no other', classId: null };
  };
  for (let i = 0; i < data.ids.length; i++) {
    const date = data.seizedOn[i];
    if (!date) continue;
    const { key, label, classId } = laneOf(data.classId[i]);
    let entry = lanes.get(key);
    if (!entry) lanes.set(key, (entry = { lane: { label, classId, first: null, last: null, bins: [] }, seizures: new Map() }));
    const lane = entry.lane;
    if (!lane.first || date < lane.first) lane.first = date;
    if (!lane.last || date > lane.last) lane.last = date;
    const p = periodOf(date, period);
    let bin = lane.bins.find((b) => b.period === p);
    if (!bin) lane.bins.push((bin = { period: p, seizures: 0, samples: [], selected: 0 }));
    bin.samples.push(data.ids[i]);
    if (selected.has(data.ids[i])) bin.selected++;
    const seizure = data.seizureId[i] ?? data.ids[i];
    const seen = entry.seizures.get(p) ?? new Set<string>();
    if (!seen.has(seizure)) {
      seen.add(seizure);
      bin.seizures++;
    }
    entry.seizures.set(p, seen);
  }
  const order = (l: Lane) => (l.classId !== null ? -(size.get(l.classId) ?? 0) : l.label === 'Other classes' ? 1 : 2);
  return [...lanes.values()].map((e) => e.lane).sort((a, b) => order(a) - order(b));
}
