/**
 * Imports files into the open workspace one by one, with progress and Cancel, and says what happened to
 * each (imported, already there, refused with its first reasons, cancelled).
 */
import { importFile, type ImportOutcome } from '../../shared/importing/import-file';
import type { OpenWorkspace, useWorkbench } from './workbench';

export interface FileReport {
  name: string;
  outcome: ImportOutcome;
}

export async function importFiles(
  wb: ReturnType<typeof useWorkbench>,
  session: OpenWorkspace,
  files: { name: string; bytes: Uint8Array }[],
  options: { acceptPartial?: boolean } = {},
): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  await wb.runTask(`Importing ${files.length} file${files.length === 1 ? '' : 's'}…`, async (progress, signal) => {
    for (const [i, file] of files.entries()) {
      if (signal.aborted) break;
      const outcome = await importFile(
        {
          workspace: session.ws,
          db: session.db,
          dictionary: session.dictionary,
          acceptPartial: options.acceptPartial ?? false,
          signal,
          onProgress: (p) => progress((i + p.fraction) / files.length, `Importing ${file.name} (${i + 1} of ${files.length}): ${p.stage}`),
        },
        file,
      );
      reports.push({ name: file.name, outcome });
    }
  });
  await wb.changed();
  return reports;
}
