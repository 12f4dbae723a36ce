/**
 * The class run's cut and linkage, in the Classes view: cut at a height or into k classes, the linkage, the
 * height axis zoomed on the cut or not. A change previews the classes at once (count, sizes; the dendrogram's
 * strip recoloured) from the run's own tree, when the linkage is the run's; "Run the classes with these settings"
 * makes a new run (saved, audited) with them, the calibration in force supplying the rest.
 */
import { useEffect, useMemo, useState } from 'react';
import { LINKAGE_LABELS } from '../../../shared/analysis/labels';
import type { ClassRunRecord } from '../../../shared/analysis/class-run-record';
import type { ClassRunSettings } from '../../../shared/analysis/class-run-compute';
import { LINKAGE_METHODS, type LinkageMethod } from '../../../shared/profiling/linkage';
import { previewCut, previewText, type CutPreview } from './cut-preview';

interface Props {
  run: ClassRunRecord;
  linkage: Float64Array;
  /** A height dragged to on the dendrogram (null: none). */
  dragged: number | null;
  zoom: boolean;
  onZoom: (zoom: boolean) => void;
  /** The preview to draw (null: the run as it is). */
  onPreview: (p: { height: number | null; preview: CutPreview } | null) => void;
  onRun: ((settings: ClassRunSettings) => void) | null;
}

export function CutControls({ run, linkage, dragged, zoom, onZoom, onPreview, onRun }: Props) {
  const s = run.settings;
  const [by, setBy] = useState<'threshold' | 'k'>(s.threshold !== null && s.k === null ? 'threshold' : 'k');
  const [threshold, setThreshold] = useState<string>(s.threshold !== null ? s.threshold.toPrecision(3) : '');
  const [k, setK] = useState<string>(String(s.k ?? run.classes.length));
  const [method, setMethod] = useState<LinkageMethod>(s.linkage);

  // A drag on the dendrogram sets the threshold box.
  useEffect(() => {
    if (dragged === null) return;
    setBy('threshold');
    setThreshold(dragged.toPrecision(3));
  }, [dragged]);

  // The run's own threshold as shown (3 digits) stands for its exact value.
  const value = by === 'threshold' ? (s.threshold !== null && threshold === s.threshold.toPrecision(3) ? s.threshold : Number(threshold)) : Math.round(Number(k));
  const valid = by === 'threshold' ? threshold.trim() !== '' && Number.isFinite(value) && value >= 0 : Number.isInteger(value) && value >= 1;
  const sameAsRun = method === s.linkage && (by === 'threshold' ? s.threshold !== null && s.k === null && value === s.threshold : s.k === value);
  const preview = useMemo(() => (valid && method === s.linkage ? previewCut(linkage, by === 'threshold' ? { threshold: value } : { k: value }) : null), [valid, method, s.linkage, linkage, by, value]);

  useEffect(() => {
    onPreview(preview && !sameAsRun ? { height: by === 'threshold' ? value : null, preview } : null);
    // onPreview is the parent's state setter wrapper.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preview, sameAsRun]);

  const status = !valid
    ? by === 'threshold' ? 'Type a cut height of 0 or more.' : 'Type a whole number of classes, 1 or more.'
    : method !== s.linkage
      ? `${LINKAGE_LABELS[method]} linkage builds another tree: run the classes to see its classes.`
      : `${sameAsRun ? 'The run as it is' : 'Preview'}: ${previewText(preview!)}.`;

  return (
    <div className="toolbar cut-controls" role="group" aria-label="Cut and linkage of the classes">
      <label>
        Cut
        <select value={by} onChange={(e) => setBy(e.target.value as 'threshold' | 'k')} data-testid="cut-by">
          <option value="threshold">at a height</option>
          <option value="k">into k classes</option>
        </select>
      </label>
      {by === 'threshold' ? (
        <label>
          height
          <input type="number" min={0} step="any" value={threshold} onChange={(e) => setThreshold(e.target.value)} style={{ width: 110 }} data-testid="cut-threshold" aria-label="Cut height" />
        </label>
      ) : (
        <label>
          k
          <input type="number" min={1} step={1} value={k} onChange={(e) => setK(e.target.value)} style={{ width: 80 }} data-testid="cut-k" aria-label="Number of classes" />
        </label>
      )}
      <label>
        Linkage
        <select value={method} onChange={(e) => setMethod(e.target.value as LinkageMethod)} data-testid="cut-linkage">
          {LINKAGE_METHODS.map((m) => (
            <option key={m} value={m}>
              {LINKAGE_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={zoom} onChange={(e) => onZoom(e.target.checked)} data-testid="tree-zoom" /> Zoom on the cut
      </label>
      {onRun && (
        <button disabled={!valid || sameAsRun} onClick={() => onRun({ linkage: method, ...(by === 'threshold' ? { threshold: value } : { k: value }) })} data-testid="run-with-settings">
          Run the classes with these settings
        </button>
      )}
      <span className="hint" role="status" data-testid="cut-preview">
        {status}
      </span>
    </div>
  );
}
