/**
 * The case network as a graph: cases and chemical classes as nodes, an edge from a case to each class its
 * samples belong to. Two cases that share a class meet at its hub, so the links read without an edge for
 * every pair of cases (a class seen in 200 cases would need 19,900).
 */
import type { SamplePoints } from '../../data/sample-points';

export interface CaseGraph {
  /** Node ids: `case:<id>` and `class:<n>`. */
  nodes: string[];
  labels: string[];
  isClass: Uint8Array;
  /** Class of the node (the class itself for hubs, the case's commonest class for cases). */
  classOf: (number | null)[];
  samples: string[][];
  edges: Int32Array;
  /** Cases linked to at least one other case through a class. */
  linkedCases: number;
  cases: number;
}

/** Builds the graph; cases whose samples share no class with another case are left out unless `keepIsolated`. */
export function caseGraph(data: SamplePoints, linked: ReadonlySet<number>, keepIsolated = false): CaseGraph {
  const casesOfClass = new Map<number, Set<string>>();
  const samplesOfCase = new Map<string, string[]>();
  const classesOfCase = new Map<string, Map<number, number>>();
  const classOfSample = new Map<string, number | null>();
  for (let i = 0; i < data.ids.length; i++) {
    classOfSample.set(data.ids[i], data.classId[i]);
    const c = data.caseId[i];
    if (!c) continue;
    (samplesOfCase.get(c) ?? samplesOfCase.set(c, []).get(c)!).push(data.ids[i]);
    const k = data.classId[i];
    if (k === null || !linked.has(k)) continue;
    (casesOfClass.get(k) ?? casesOfClass.set(k, new Set()).get(k)!).add(c);
    const counts = classesOfCase.get(c) ?? classesOfCase.set(c, new Map()).get(c)!;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  // A class joins cases only when it spans two or more of them.
  const bridging = [...casesOfClass].filter(([, cs]) => cs.size > 1).map(([k]) => k).sort((a, b) => a - b);
  const bridged = new Set<string>();
  for (const k of bridging) for (const c of casesOfClass.get(k)!) bridged.add(c);
  const cases = [...samplesOfCase.keys()].filter((c) => keepIsolated || bridged.has(c)).sort();
  const nodes: string[] = [];
  const labels: string[] = [];
  const classOf: (number | null)[] = [];
  const samples: string[][] = [];
  const index = new Map<string, number>();
  for (const c of cases) {
    index.set(`case:${c}`, nodes.length);
    nodes.push(`case:${c}`);
    labels.push(c);
    const counts = classesOfCase.get(c);
    classOf.push(counts ? [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0] : null);
    samples.push(samplesOfCase.get(c)!);
  }
  const edges: number[] = [];
  for (const k of bridging) {
    const hub = nodes.length;
    nodes.push(`class:${k}`);
    labels.push(`Class ${k}`);
    classOf.push(k);
    const members: string[] = [];
    for (const c of casesOfClass.get(k)!) {
      const at = index.get(`case:${c}`);
      if (at === undefined) continue;
      edges.push(at, hub);
      for (const s of samples[at]) if (classOfSample.get(s) === k) members.push(s);
    }
    samples.push(members);
  }
  const isClass = new Uint8Array(nodes.length);
  for (let i = cases.length; i < nodes.length; i++) isClass[i] = 1;
  return { nodes, labels, isClass, classOf, samples, edges: Int32Array.from(edges), linkedCases: bridged.size, cases: samplesOfCase.size };
}
