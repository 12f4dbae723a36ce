/**
 * The window: the task bar, then either the welcome screen or the open workspace; above both, the
 * command palette, the dialogs, the keyboard shortcuts, the desktop menu's commands and the drop target.
 */
import { useEffect, useMemo, useState } from 'react';
import type { WorkspaceRef } from '../../shared/host/contract';
import { TaskBar } from '../components/TaskBar';
import { Welcome } from '../screens/Welcome';
import { AnalysisProvider } from '../state/analysis';
import { AttributionProvider } from '../state/attribution';
import { VIEWS, useNavigation } from '../state/navigation';
import { usePreferences } from '../state/preferences';
import { useSelectionStore } from '../state/selection';
import { useWorkbench } from '../state/workbench';
import { loadSampleData } from '../state/sample-data';
import { useReports } from '../reports/reports-state';
import { AnalystNameForm } from '../screens/AnalystName';
import { AboutDialog } from './AboutDialog';
import { CommandPalette } from './CommandPalette';
import { Dialog } from './Dialog';
import { MOD, type Command } from './commands';
import { DropTarget } from './DropTarget';
import { ExportDialog } from './ExportDialog';
import { effectiveProfile } from './import-preview-model';
import { ImportPreviewDialog } from './ImportPreviewDialog';
import { OpenWorkspaceDialog } from './OpenWorkspaceDialog';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useImport } from './use-import';
import { useMenuActions } from './use-menu-actions';
import { useShortcuts } from './use-shortcuts';
import { WorkspaceLayout } from './WorkspaceLayout';

type DialogName = 'palette' | 'about' | 'open' | 'new' | 'shortcuts' | 'export' | 'analyst' | null;

export function Shell() {
  const wb = useWorkbench();
  const prefs = usePreferences();
  const nav = useNavigation();
  const selection = useSelectionStore();
  const imports = useImport();
  const reports = useReports();
  const [dialog, setDialog] = useState<DialogName>(null);
  const [recent, setRecent] = useState<WorkspaceRef[]>([]);
  useEffect(() => {
    if (dialog === 'palette') wb.host['workspace:recent']({}).then(setRecent, () => setRecent([]));
  }, [dialog, wb.host]);
  const session = wb.current;
  const readOnly = prefs.investigator;

  const importRefusal = !session
    ? 'Open or create a workspace first: dropped files are imported into the open workspace.'
    : readOnly
      ? 'Investigator mode is read-only: leave it (Ctrl+K, “Investigator mode”) to import files.'
      : null;

  const startImport = () => {
    if (importRefusal) wb.setError(importRefusal);
    else void imports.pick();
  };

  const commands = useMemo<Command[]>(() => {
    const list: Command[] = [];
    if (session) {
      VIEWS.forEach((v, i) => {
        if (readOnly && v.id === 'sql') return;
        list.push({ id: `go-${v.id}`, title: v.label, section: 'Go to', shortcut: String(i + 1), keywords: v.hint, run: () => nav.go(v.id) });
      });
      if (!readOnly) list.push({ id: 'import', title: 'Import files…', section: 'Workspace', shortcut: `${MOD}I`, keywords: 'csv xlsx parquet results metadata', run: () => void imports.pick() });
      list.push({ id: 'export', title: 'Export samples, measurements or signatures…', section: 'Workspace', keywords: 'csv xlsx parquet redaction manifest', run: () => setDialog('export') });
      list.push({ id: 'report-classes', title: 'Report: chemical class report…', section: 'Reports', keywords: 'pdf html class case manifest redaction label', run: () => reports.report({ kind: 'classes', classIds: [] }) });
      list.push({ id: 'report-case', title: 'Report: chemical class report of a case…', section: 'Reports', keywords: 'pdf html case', run: () => reports.report({ kind: 'case', caseId: '' }) });
      list.push({ id: 'report-samples', title: 'Report: sample list…', section: 'Reports', keywords: 'pdf html selection samples', run: () => reports.report({ kind: 'sample-list', scope: selection.get().ids.size ? 'selected' : 'all' }) });
      list.push({ id: 'report-verify', title: 'Verify a report…', section: 'Reports', keywords: 'verify reproduce check sha-256 court', run: () => reports.verify() });
      list.push({ id: 'close', title: 'Close workspace', section: 'Workspace', run: () => void wb.close() });
      list.push({ id: 'clear-selection', title: 'Clear the selection', section: 'Selection', shortcut: 'Esc', run: () => selection.clear() });
      list.push({ id: 'show-selection', title: 'Show the selected samples in Samples', section: 'Selection', run: () => nav.go('samples') });
      list.push({
        id: 'investigator',
        title: readOnly ? 'Leave investigator mode' : 'Investigator mode (read-only, redacted columns hidden)',
        section: 'View',
        keywords: 'redaction law enforcement read-only',
        run: () => prefs.setInvestigator(!readOnly),
      });
      if (session.ws.manifest.batches.length === 0 && !readOnly) list.push({ id: 'samples-data', title: 'Load the bundled sample data', section: 'Workspace', run: () => void loadSampleData(wb, session) });
    }
    list.push({ id: 'open', title: 'Open workspace…', section: 'Workspace', shortcut: `${MOD}O`, keywords: 'recent', run: () => setDialog('open') });
    list.push({ id: 'new', title: 'New workspace…', section: 'Workspace', keywords: 'create', run: () => setDialog('new') });
    for (const r of recent.slice(0, 8)) {
      if (r.handle !== session?.ref.handle) list.push({ id: `recent-${r.handle}`, title: `Open “${r.name}”`, section: 'Recent', keywords: `recent workspace ${r.location}`, run: () => void wb.open(r.handle) });
    }
    if (wb.info?.host === 'browser') list.push({ id: 'analyst', title: `Change the analyst name${wb.analyst ? ` (now ${wb.analyst})` : ''}…`, section: 'Workspace', keywords: 'who name audit user', run: () => setDialog('analyst') });
    list.push({ id: 'theme', title: `Switch to the ${prefs.resolved === 'dark' ? 'light' : 'dark'} theme`, section: 'View', keywords: 'theme dark light colour', run: prefs.toggleTheme });
    if (prefs.theme !== 'system') list.push({ id: 'theme-system', title: 'Follow the system theme', section: 'View', keywords: 'theme dark light', run: () => prefs.setTheme('system') });
    list.push(
      prefs.pointRenderer === 'webgl'
        ? { id: 'points-canvas', title: 'Draw points with Canvas 2D (if the map or PCA points look wrong)', section: 'View', keywords: 'webgl graphics driver gpu renderer', run: () => prefs.setPointRenderer('canvas') }
        : { id: 'points-webgl', title: 'Draw points with WebGL', section: 'View', keywords: 'webgl graphics gpu renderer canvas', run: () => prefs.setPointRenderer('webgl') },
    );
    list.push({ id: 'palette', title: 'Command palette', section: 'Help', shortcut: `${MOD}K`, run: () => setDialog('palette') });
    list.push({ id: 'back', title: 'Back', section: 'Go to', shortcut: 'Alt+←', run: nav.back });
    list.push({ id: 'shortcuts', title: 'Keyboard shortcuts', section: 'Help', shortcut: '?', run: () => setDialog('shortcuts') });
    list.push({ id: 'about', title: 'About Signature Workbench', section: 'Help', run: () => setDialog('about') });
    return list;
  }, [session, readOnly, nav, imports, wb, selection, prefs, recent, reports]);

  useShortcuts({
    palette: () => setDialog((d) => (d === 'palette' ? null : 'palette')),
    open: () => setDialog('open'),
    importFiles: startImport,
    view: (n) => {
      const v = VIEWS[n - 1];
      if (session && v && !(readOnly && v.id === 'sql')) nav.go(v.id);
    },
    help: () => setDialog('shortcuts'),
    escape: () => {
      if (dialog) setDialog(null);
      else if (nav.place.sampleId || nav.place.classId !== undefined) nav.back();
      else selection.clear();
    },
    back: nav.back,
  });

  useMenuActions({
    'new-workspace': () => setDialog('new'),
    'open-workspace': () => setDialog('open'),
    'import-files': startImport,
    export: () => (session ? setDialog('export') : wb.setError('Open a workspace first: exports are made from its samples and classes.')),
    'toggle-theme': prefs.toggleTheme,
    about: () => setDialog('about'),
  });

  // A workspace opened or closed: start at Home with nothing selected.
  const handle = session?.ref.handle ?? null;
  useEffect(() => {
    selection.clear();
    if (handle) nav.go('home');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handle]);

  return (
    <DropTarget
      accept={`Drop to preview and import into “${session?.ws.manifest.name ?? ''}”`}
      refusal={importRefusal}
      onFiles={(files) => (importRefusal ? wb.setError(importRefusal) : imports.preview(files))}
    >
      <div className="app">
        <TaskBar />
        {session ? (
          <AnalysisProvider session={session}>
            <AttributionProvider session={session}>
              <WorkspaceLayout session={session} imports={imports} onImport={startImport} onPalette={() => setDialog('palette')} />
            </AttributionProvider>
          </AnalysisProvider>
        ) : (
          <Welcome />
        )}
      </div>
      {dialog === 'palette' && <CommandPalette commands={commands} onClose={() => setDialog(null)} />}
      {dialog === 'about' && <AboutDialog onClose={() => setDialog(null)} />}
      {(dialog === 'open' || dialog === 'new') && <OpenWorkspaceDialog startWithNew={dialog === 'new'} onClose={() => setDialog(null)} />}
      {dialog === 'shortcuts' && <ShortcutsDialog commands={commands} onClose={() => setDialog(null)} />}
      {dialog === 'export' && session && <ExportDialog session={session} onClose={() => setDialog(null)} />}
      {dialog === 'analyst' && (
        <Dialog title="Analyst name" onClose={() => setDialog(null)} testId="analyst-dialog">
          <AnalystNameForm autoFocus onDone={() => setDialog(null)} />
        </Dialog>
      )}
      {imports.pending && session && !readOnly && (
        <ImportPreviewDialog
          session={session}
          files={imports.pending}
          onClose={imports.cancelPending}
          onRemove={imports.remove}
          onImport={(settings, acceptPartial) => imports.confirm(settings.map((s) => ({ profile: effectiveProfile(s), overrides: s.overrides, sheet: s.sheet })), acceptPartial)}
        />
      )}
    </DropTarget>
  );
}
