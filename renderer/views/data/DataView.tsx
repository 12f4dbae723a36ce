/**
 * The raw tables: measurements, batches, compounds and quarantine, the editors of the compound dictionary and the
 * controlled vocabularies, and Sharing (SharingPanel). In
 * investigator mode the columns the redaction profile does not allow are left out of the SQL itself, the lab's
 * bookkeeping (batches, quarantined source rows) is not shown at all, and the dictionary is shown read-only.
 */
import { useEffect, useMemo, useState } from 'react';
import { sqlIdent } from '../../../shared/db/Database';
import { columnNames } from '../../../shared/db/arrow-values';
import { DataTable } from '../../components/DataTable';
import { sqlRowSource } from '../../components/row-source';
import { useNavigation, type DataTab } from '../../state/navigation';
import { useColumnRule } from '../../state/redaction';
import type { OpenWorkspace } from '../../state/workbench';
import { DictionaryEditor } from './DictionaryEditor';
import { SharingPanel } from './SharingPanel';
import { VocabularyEditor } from './VocabularyEditor';

const TABS: { id: DataTab; label: string; relation: string; labOnly: boolean; empty: string }[] = [
  { id: 'measurements', label: 'Measurements', relation: 'measurements', labOnly: false, empty: 'No measurements yet: import a results file (peak areas per sample and compound).' },
  { id: 'batches', label: 'Batches', relation: '(SELECT * FROM batches ORDER BY batch_id DESC)', labOnly: true, empty: 'No batches yet: import files from the Home view or drop them on the window.' },
  { id: 'compounds', label: 'Compounds', relation: 'compounds', labOnly: false, empty: 'No compounds: the dictionary is empty and no results were imported.' },
  // Not a table: the editor (DictionaryEditor) reads the dictionary and the unassigned compounds itself.
  { id: 'dictionary', label: 'Dictionary', relation: '', labOnly: false, empty: '' },
  { id: 'vocabularies', label: 'Vocabularies', relation: '', labOnly: false, empty: '' },
  { id: 'quarantine', label: 'Quarantine', relation: 'quarantine', labOnly: true, empty: 'Nothing in quarantine: every imported row was read.' },
  // Not a table: keys, partners, received profiles and the national store (SharingPanel).
  { id: 'sharing', label: 'Sharing', relation: '', labOnly: true, empty: '' },
];

export function DataView({ session, tab }: { session: OpenWorkspace; tab: DataTab }) {
  const { go } = useNavigation();
  const rule = useColumnRule(session);
  const tabs = TABS.filter((t) => !(rule.profile && t.labOnly));
  const current = tabs.find((t) => t.id === tab) ?? tabs[0];
  const [columns, setColumns] = useState<string[] | null>(null);

  useEffect(() => {
    let live = true;
    if (current.relation === '') return;
    session.db.query(`SELECT * FROM ${current.relation} LIMIT 0`).then((t) => live && setColumns(columnNames(t)), () => live && setColumns([]));
    return () => {
      live = false;
    };
  }, [session.db, current.relation]);

  const visible = useMemo(() => (columns ?? []).filter(rule.visible), [columns, rule]);
  const source = useMemo(() => {
    if (!columns || current.relation === '') return null;
    const relation = rule.profile ? `(SELECT ${visible.map(sqlIdent).join(', ') || 'NULL AS hidden'} FROM ${current.relation})` : current.relation;
    return sqlRowSource(session.db, relation);
  }, [session.db, current.relation, columns, visible, rule.profile]);

  return (
    <div className="view-body">
      <nav className="tabs" role="tablist" aria-label="Tables">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={t.id === current.id} className={t.id === current.id ? 'active' : ''} onClick={() => go({ view: 'data', dataTab: t.id })} data-testid={`tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </nav>
      {current.id === 'dictionary' && <DictionaryEditor session={session} />}
      {current.id === 'sharing' && <SharingPanel session={session} />}
      {current.id === 'vocabularies' && <VocabularyEditor session={session} />}
      {current.id === 'compounds' && (
        <p className="hint">
          To map the unassigned compounds or edit the dictionary, open the{' '}
          <button className="link" onClick={() => go({ view: 'data', dataTab: 'dictionary' })} data-testid="open-dictionary">
            Dictionary
          </button>{' '}
          tab.
        </p>
      )}
      {source && <DataTable key={current.id} source={source} version={session.version} testId={`${current.id}-table`} title={current.label} emptyText={current.empty} />}
    </div>
  );
}
