/** The latest class run's largest classes with their colours; a click selects the class's samples in every view. */
import { classColor, UNCLASSIFIED } from '../../components/theme-colors';
import { useAnalysis } from '../../state/analysis';

export function ClassLegend({ onPick, max = 12 }: { onPick: (ids: string[]) => void; max?: number }) {
  const { classRun, classRunUnreadable } = useAnalysis();
  if (!classRun) {
    return (
      <p className="hint legend" data-testid="class-legend">
        {classRunUnreadable
          ? 'Grey: the latest class run cannot be read (the banner says why). Run the classes again in Classes to colour samples by chemical class.'
          : 'Grey: no class run yet. Run the classes in Classes to colour samples by chemical class.'}
      </p>
    );
  }
  const classes = [...classRun.record.classes].sort((a, b) => b.size - a.size);
  return (
    <div className="legend" aria-label="Classes" data-testid="class-legend">
      {classes.slice(0, max).map((c) => (
        <button key={c.class_id} onClick={() => onPick(c.members)} title={`Select the ${c.size} samples of class ${c.class_id}`}>
          <span className="swatch" style={{ background: classColor(c.class_id) }} />
          Class {c.class_id} ({c.size})
        </button>
      ))}
      {classes.length > max && <span>… {classes.length - max} more classes</span>}
      <span>
        <span className="swatch" style={{ background: UNCLASSIFIED }} /> linked to no other sample
      </span>
    </div>
  );
}
