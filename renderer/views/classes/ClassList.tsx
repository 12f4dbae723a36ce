/** The chemical classes of the run, largest first: a row opens the class card. */
import { useState } from 'react';
import type { ClassRecord } from '../../../shared/analysis/class-run-record';
import { score100Text } from '../../../shared/analysis/labels';
import { classColor } from '../../components/theme-colors';
import { useNavigation } from '../../state/navigation';
import { useSelection } from '../../state/selection';

const SHOWN = 60;

export function ClassList({ classes, casesVisible }: { classes: ClassRecord[]; casesVisible: boolean }) {
  const { go } = useNavigation();
  const selection = useSelection();
  const [all, setAll] = useState(false);
  // The largest classes first; hundreds of rows at 10,000 samples would make the view slow to open.
  const sorted = [...classes].sort((a, b) => b.size - a.size || a.class_id - b.class_id).slice(0, all ? undefined : SHOWN);
  return (
    <section className="panel" aria-label="Chemical classes">
      <h3>{classes.length} chemical classes of two or more samples</h3>
      <div className="class-list-scroll">
        <table className="simple class-list" data-testid="class-list">
          <thead>
            <tr>
              <th>Class</th>
              <th className="num">Samples</th>
              <th className="num">Seizures</th>
              {casesVisible && <th className="num">Cases</th>}
              <th>First seen</th>
              <th>Last seen</th>
              <th>Regions</th>
              <th className="num" title="Mean distance between two members of the class, on the 0–100 scale (0 = identical signatures)">Mean distance between members (0–100)</th>
              <th className="num">Selected</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((c) => {
              const picked = selection.ids.size ? c.members.filter((m) => selection.ids.has(m)).length : 0;
              return (
                <tr key={c.class_id} className={`clickable${picked ? ' has-selected' : ''}`} onClick={() => go({ view: 'classes', classId: c.class_id })} data-testid={`class-row-${c.class_id}`}>
                  <td>
                    <button className="link class-chip" onClick={() => go({ view: 'classes', classId: c.class_id })} aria-label={`Open class ${c.class_id}`}>
                      <span className="swatch" style={{ background: classColor(c.class_id) }} />
                      {c.class_id}
                    </button>
                  </td>
                  <td className="num">{c.size}</td>
                  <td className="num">{c.seizures}</td>
                  {casesVisible && <td className="num">{c.cases.length}</td>}
                  <td>{c.first_seen ?? '—'}</td>
                  <td>{c.last_seen ?? '—'}</td>
                  <td>{c.regions.slice(0, 3).map((r) => `${r.region} (${r.samples})`).join(', ')}{c.regions.length > 3 ? ' …' : ''}</td>
                  <td className="num">{score100Text(c.cohesion_100)}</td>
                  <td className="num">{picked || ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {classes.length > SHOWN && (
        <button className="link" onClick={() => setAll((v) => !v)}>
          {all ? `Show the ${SHOWN} largest only` : `Show all ${classes.length} classes`}
        </button>
      )}
    </section>
  );
}
