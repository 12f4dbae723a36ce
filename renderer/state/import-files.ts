/**
 * Imports files into the open workspace one by one, with progress and Cancel, and says what happened to
 * each (imported, already there, refused with its first reasons, cancelled).
 *
 * Each file is read, scanned and checked in the import worker (renderer/importing: prepareImport), off the
 * interface thread; then written into the workspace and loaded into the database here (commitImport). Cancel during
 * the worker's phase terminates it: nothing was written, so the workspace is untouched. The results batches are then
 * linked against the stored profiles (shared/linking/link-imported.ts, the path of `sigwb import`); Cancel there
 * leaves them imported and says they are not linked.
 */
import { commitImport, prepareOptionsOf, type ImportContext, type ImportOutcome, type PreparedImport } from '../../shared/importing/import-file';
import { importClient } from '../importing/import-client';
import { linkImportedBatches } from '../../shared/linking/link-imported';
import type { LinkBatchOutcome } from '../../shared/linking/link-batch';
import { yieldingRunner } from '../../shared/linking/link-search';
import type { ImportProfile } from '../../shared/importing/import-profile';
import type { ReadOptionsOverride } from '../../shared/importing/types';
import type { OpenWorkspace, useWorkbench } from './workbench';

/** How one file is read: the analyst's profile (or corrected mapping), reading options and sheet (the preview step). */
export interface FileImportSettings {
  profile?: ImportProfile | null;
  overrides?: ReadOptionsOverride;
  sheet?: string;
}

export interface FileReport {
  name: string;
  outcome: ImportOutcome;
  /** A results batch: what linking it against the stored profiles did (docs/LINKING.md), as `sigwb import` does. */
  links?: LinkBatchOutcome;
}

/**
 * Imports the files. Their bytes are transferred to the import worker: the caller's arrays are detached afterwards.
 */
export async function importFiles(
  wb: ReturnType<typeof useWorkbench>,
  session: OpenWorkspace,
  files: { name: string; bytes: Uint8Array; settings?: FileImportSettings }[],
  options: { acceptPartial?: boolean } = {},
): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  await wb.runTask(`Importing ${files.length} file${files.length === 1 ? '' : 's'}…`, async (progress, signal) => {
    for (const [i, file] of files.entries()) {
      if (signal.aborted) break;
      const ctx: ImportContext = {
        workspace: session.ws,
        db: session.db,
        dictionary: session.dictionary,
        vocabularies: session.vocabularies,
        acceptPartial: options.acceptPartial ?? false,
        profile: file.settings?.profile ?? null,
        overrides: file.settings?.overrides,
        sheet: file.settings?.sheet,
        signal,
        onProgress: (p) => progress((i + p.fraction) / files.length, `Importing ${file.name} (${i + 1} of ${files.length}): ${p.stage}`),
      };
      // The worker gets plain data (no signal, no callback); the batch id and the known files come from the workspace now.
      const { signal: _signal, onProgress, ...request } = prepareOptionsOf(ctx);
      let prepared: PreparedImport;
      try {
        prepared = await importClient().prepare({ name: file.name, bytes: file.bytes }, { ...request, profile: request.profile ?? null, acceptPartial: request.acceptPartial ?? false, known: request.known ?? [] }, { signal, onProgress });
      } catch (e) {
        if ((e as Error).name !== 'AbortError') throw e;
        reports.push({ name: file.name, outcome: { status: 'cancelled' } });
        break;
      }
      reports.push({ name: file.name, outcome: await commitImport(ctx, prepared) });
    }
    // Each results batch linked against every stored profile of the same drug, on this thread in short ranges.
    const imported = reports.flatMap((r) => (r.outcome.status === 'imported' ? [r.outcome.batch.id] : []));
    if (imported.length === 0) return;
    progress(0, 'Linking the new samples against the stored profiles…');
    const author = { analyst: wb.info?.user ?? 'analyst', appVersion: wb.info?.version ?? __APP_VERSION__ };
    const linked = await linkImportedBatches(session.ws, session.db, imported, { runner: yieldingRunner(), author, signal, onProgress: (f) => progress(f, 'Linking the new samples against the stored profiles…') });
    for (const r of reports) if (r.outcome.status === 'imported') r.links = linked.get(r.outcome.batch.id);
  });
  await wb.changed();
  return reports;
}
