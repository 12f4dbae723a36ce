/**
 * Classes: how the samples group. The dendrogram (small branches collapsed) with the cut line and leaves
 * coloured by class, the heatmap of the signatures in dendrogram order, the PCA scores with loadings, and
 * the classes themselves. An analyst starts a class run from here (automatic mode, calibration in force).
 */
import { useEffect, useMemo, useState } from 'react';
import { combinationLabel, LINKAGE_LABELS } from '../../../shared/analysis/labels';
import { useAnalysis } from '../../state/analysis';
import { useAttribution } from '../../state/attribution';
import { useNavigation } from '../../state/navigation';
import { usePreferences } from '../../state/preferences';
import { useColumnRule } from '../../state/redaction';
import { useSelection, useSelectionStore } from '../../state/selection';
import type { OpenWorkspace } from '../../state/workbench';
import { StaleNotice } from '../../components/StaleNotice';
import { useReports } from '../../reports/reports-state';
import { ClassChanges } from './ClassChanges';
import { ClassList } from './ClassList';
import { ClassTree } from './ClassTree';
import { CutControls } from './CutControls';
import type { CutPreview } from './cut-preview';
import { layoutDendrogram } from './dendrogram-layout';
import { leafMeans } from './leaf-heatmap';
import { PcaPanel } from './PcaPanel';
import { classRunMethodSentence } from '../../../shared/analysis/class-run-method';

export function ClassesView({ session }: { session: OpenWorkspace }) {
  const analysis = useAnalysis();
  const { investigator } = usePreferences();
  const rule = useColumnRule(session);
  const selection = useSelection();
  const store = useSelectionStore();
  const { go } = useNavigation();
  const attribution = useAttribution();
  const reports = useReports();
  const run = analysis.classRun;
  const [means, setMeans] = useState<{ tree: unknown; values: Float32Array } | null>(null);
  const [preview, setPreview] = useState<{ run: unknown; height: number | null; preview: CutPreview } | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [zoom, setZoom] = useState(true);

  // A threshold-graph run has no tree (class-run-record.ts): its method is stated instead of a dendrogram.
  const graphRun = run?.record.method.kind === 'threshold-graph';
  const tree = useMemo(() => (run && run.data.linkageMatrix.length > 0 ? layoutDendrogram(run.data.linkageMatrix, run.data.classIds, run.record.settings.threshold) : null), [run]);
  const linked = useMemo(() => new Set((run?.record.classes ?? []).map((c) => c.class_id)), [run]);

  useEffect(() => {
    if (!run || !tree || !analysis.tablesVersion) return;
    let live = true;
    leafMeans(session.db, run.data.sampleIds, tree.leaves, analysis.compounds.length).then((values) => live && setMeans({ tree, values }), () => live && setMeans(null));
    return () => {
      live = false;
    };
  }, [session.db, run, tree, analysis.tablesVersion, analysis.compounds.length]);

  const selectedPerLeaf = useMemo(() => {
    const out = new Float32Array(tree?.leaves.length ?? 0);
    if (!tree || !run || selection.ids.size === 0) return out;
    tree.leaves.forEach((l, k) => {
      let hit = 0;
      for (const i of l.members) if (selection.ids.has(run.data.sampleIds[i])) hit++;
      out[k] = hit / l.members.length;
    });
    return out;
  }, [tree, run, selection.ids]);

  // The classes the selected samples fall in, for the report dialog to start from.
  const classesOfSelection = useMemo(() => (run ? run.record.classes.filter((c) => c.members.some((m) => selection.ids.has(m))).map((c) => c.class_id) : []), [run, selection.ids]);

  const runButton = !investigator && (
    <button className={run ? '' : 'primary'} onClick={() => void analysis.runClasses()} data-testid="run-classes">
      {run ? 'Run the classes again' : 'Run the classes'}
    </button>
  );
  // Classes without an n × n matrix, at the calibration's threshold (as `sigwb cluster --graph`): it needs one in force.
  const graphButton = !investigator && analysis.calibration && (
    <button
      onClick={() => void analysis.graphClasses('whole')}
      data-testid="graph-classes-run"
      title={`Classes without an n × n matrix: the components of the graph of pairs within calibration ${analysis.calibration.id}'s threshold (single linkage cut there); the latest graph run is extended when only samples were added`}
    >
      Classes from the threshold graph
    </button>
  );

  if (!run || (!tree && !graphRun))
    return (
      <div className="view-body" data-testid="classes-view">
        <h2 className="view-title">Classes</h2>
        <section className="empty-state">
          <h2>{analysis.classRunUnreadable ? 'The latest class run cannot be read' : 'No class run yet'}</h2>
          {analysis.classRunUnreadable && <p className="hint">The banner above says why. Run the classes again, or restore the workspace folder from a backup.</p>}
          <p>
            A class run clusters the samples by signature (hierarchical clustering) and cuts the tree where it best recovers the known links on pairs held out from the choice,
            not counting as false links the unlinked pairs that are estimated to share a source: the groups are the chemical classes. The calibration in force lends its
            pretreatment and score. Classes from the threshold graph need no n × n matrix (for collections too large for the full clustering): the connected
            components of the pairs within the calibration&rsquo;s threshold, which are the classes of single linkage cut there; a later import extends them.
          </p>
          {investigator ? (
            <p className="hint">Investigator mode is read-only: an analyst runs the classes.</p>
          ) : (
            <p className="actions">
              {runButton} {graphButton}
            </p>
          )}
        </section>
      </div>
    );

  const s = run.record.settings;
  return (
    <div className="view-body classes-view" data-testid="classes-view">
      <header className="toolbar">
        <h2>Classes {run.record.id}</h2>
        <span className="hint" data-testid="classes-summary">
          {run.record.classes.length} classes, {run.record.singletons} samples linked to no other · {combinationLabel(s.pretreatment, s.score)}, {LINKAGE_LABELS[s.linkage]} linkage, cut{' '}
          {s.threshold !== null ? `at ${s.threshold.toPrecision(3)}` : `into ${s.k} classes`}
          {s.source.cut === 'held-out' ? ' chosen on held-out pairs' : ''}
          {s.calibration_id ? (s.source.cut === 'calibration' ? ` (calibration ${s.calibration_id})` : ` (combination of calibration ${s.calibration_id})`) : ''} · {run.record.created_at.slice(0, 10)} by{' '}
          {run.record.analyst}
        </span>
        <span className="spacer" />
        {attribution.compute && !attribution.result && (
          <button onClick={attribution.compute} title="Routes, precursor profiles and nearest known sources of every class" data-testid="compute-evidence">
            Compute route evidence
          </button>
        )}
        <button onClick={() => reports.report({ kind: 'classes', classIds: classesOfSelection })} title="A chemical class report (HTML or PDF) with its manifest" data-testid="classes-report">
          Report…
        </button>
        {runButton}
        {graphButton}
      </header>
      <StaleNotice which="classes" />
      {analysis.changes && <ClassChanges runId={run.record.id} from={analysis.changes.from} changes={analysis.changes.changes} />}
      <details className="reasons">
        <summary>Why these choices</summary>
        <ul>
          {run.record.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      </details>
      {!tree ? (
        <section className="panel" aria-label="Method" data-testid="classes-method">
          <h3>No dendrogram: classes from the threshold graph</h3>
          <p>{classRunMethodSentence(run.record)}</p>
        </section>
      ) : (
      <section className="panel" aria-label="Dendrogram and heatmap">
        <h3>
          Dendrogram of {run.data.sampleIds.length.toLocaleString('en-CA')} samples{tree.leaves.length < run.data.sampleIds.length ? `, shown in ${tree.leaves.length} branches` : ''}, and their signatures
        </h3>
        <CutControls
          key={run.record.id}
          run={run.record}
          linkage={run.data.linkageMatrix}
          dragged={dragged}
          zoom={zoom}
          onZoom={setZoom}
          onPreview={(p) => setPreview(p && { run, ...p })}
          onRun={investigator ? null : (settings) => void analysis.runClasses(settings)}
        />
        <ClassTree
          tree={tree}
          sampleIds={run.data.sampleIds}
          threshold={s.k === null ? s.threshold : null}
          preview={preview?.run === run ? { height: preview.height, classOf: preview.preview.classOf } : null}
          zoom={zoom}
          title={`Classes ${run.record.id} dendrogram and signature heatmap`}
          compounds={analysis.compounds}
          means={means?.tree === tree ? means.values : null}
          linked={linked}
          selectedPerLeaf={selectedPerLeaf}
          onSelect={(leaves, mode) => store.select(leaves.flatMap((k) => tree.leaves[k].members.map((i) => run.data.sampleIds[i])), 'Dendrogram', mode)}
          onOpenClass={(id) => go({ view: 'classes', classId: id })}
          onPreview={setDragged}
        />
      </section>
      )}
      <PcaPanel session={session} />
      <ClassList classes={run.record.classes} casesVisible={rule.visible('case_id')} />
    </div>
  );
}
