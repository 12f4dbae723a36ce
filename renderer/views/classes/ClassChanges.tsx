/**
 * What an extension changed (shared/analysis/class-run-changes.ts): the classes that gained samples, the new classes
 * (candidate classes of new samples only, or earlier classes merged or regrouped under a new id: the id rule of
 * shared/profiling/class-ids.ts), the ids retired and where their samples went ("3 and 4 merged into 12"), and how
 * many classes kept their members and ids. A class id opens its card.
 */
import type { ClassRunChanges } from '../../../shared/analysis/class-run-changes';
import { retiredWords } from '../../../shared/analysis/class-run-reasons';
import { counted } from '../../../shared/util/plural';
import { classColor } from '../../components/theme-colors';
import { useNavigation } from '../../state/navigation';

const SHOWN = 20;
const MEMBERS = 12;

const some = (ids: string[]): string => (ids.length > MEMBERS ? `${ids.slice(0, MEMBERS).join(', ')} … (${ids.length - MEMBERS} more)` : ids.join(', '));

export function ClassChanges({ runId, from, changes }: { runId: string; from: string; changes: ClassRunChanges }) {
  const { go } = useNavigation();
  const c = changes;
  const chip = (id: number) => (
    <button className="link class-chip" onClick={() => go({ view: 'classes', classId: id })} aria-label={`Open class ${id}`}>
      <span className="swatch" style={{ background: classColor(id) }} />
      {id}
    </button>
  );
  return (
    <section className="panel" aria-labelledby="class-changes-h" data-testid="class-changes">
      <h3 id="class-changes-h">
        What run {runId} changed: {counted(c.addedSamples, 'sample')} added to run {from}
      </h3>
      <p data-testid="class-changes-summary">
        {counted(c.kept, 'class', 'classes')} kept {c.kept === 1 ? 'its' : 'their'} members and {c.kept === 1 ? 'id' : 'ids'}; {counted(c.gained.length, 'class', 'classes')} gained samples;{' '}
        {counted(c.created.filter((x) => x.candidate).length, 'new candidate class', 'new candidate classes')}
        {c.created.some((x) => !x.candidate) ? `, ${counted(c.created.filter((x) => !x.candidate).length, 'class', 'classes')} under a new id (earlier classes merged or regrouped)` : ''};{' '}
        {counted(c.unlinkedNew, 'new sample')} linked to no other{c.retired.length ? `; ids retired: ${retiredWords(c.retired, c.retiredInto)}` : ''}.
      </p>
      {c.gained.length > 0 && (
        <>
          <h4>Classes that gained samples</h4>
          <ul className="class-changes" data-testid="class-gained">
            {c.gained.slice(0, SHOWN).map((g) => (
              <li key={g.classId} data-testid={`gained-${g.classId}`}>
                {chip(g.classId)} +{counted(g.added.length, 'sample')} (now {g.size}){g.merged.length ? `, joined by class${g.merged.length === 1 ? '' : 'es'} ${g.merged.join(', ')}` : ''}
                {g.added.length > 0 && <span className="hint">: {some(g.added)}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {c.created.length > 0 && (
        <>
          <h4>New classes</h4>
          <ul className="class-changes" data-testid="class-created">
            {c.created.slice(0, SHOWN).map((n) => (
              <li key={n.classId} data-testid={`created-${n.classId}`}>
                {chip(n.classId)} {n.candidate ? 'candidate class' : `from class${n.from.length === 1 ? '' : 'es'} ${n.from.join(', ')}`}, {counted(n.members.length, 'sample')} ({n.added.length} new):{' '}
                <span data-testid={`created-${n.classId}-members`}>{some(n.members)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {(c.gained.length > SHOWN || c.created.length > SHOWN) && <p className="hint">The largest {SHOWN} of each are listed.</p>}
    </section>
  );
}
