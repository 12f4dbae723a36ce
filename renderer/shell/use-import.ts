/**
 * Import from the file dialog (through the preview step, ImportPreviewDialog) or from files dropped on the window
 * (directly), with the reports of what happened.
 */
import { useCallback, useState } from 'react';
import { importFiles, type FileImportSettings, type FileReport } from '../state/import-files';
import { useWorkbench } from '../state/workbench';

export const IMPORT_FILTERS = [{ name: 'Result and sample files', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'parquet', 'arrow', 'feather'] }];

type PickedFile = { name: string; bytes: Uint8Array };

export function useImport() {
  const wb = useWorkbench();
  const [reports, setReports] = useState<FileReport[] | null>(null);
  /** Files picked with the Import button, waiting in the preview step. */
  const [pending, setPending] = useState<PickedFile[] | null>(null);

  const importNow = useCallback(
    async (files: (PickedFile & { settings?: FileImportSettings })[], acceptPartial = false) => {
      if (!wb.current || files.length === 0) return;
      setReports(await importFiles(wb, wb.current, files, { acceptPartial }));
    },
    [wb],
  );

  const pick = useCallback(async () => {
    if (!wb.current) return;
    const files = await wb.host['dialog:open-files']({ title: 'Import result or sample files', filters: IMPORT_FILTERS, multiple: true });
    if (files.length > 0) setPending(files);
  }, [wb]);

  /** Imports the previewed files with the analyst's settings (their bytes are copied: the worker detaches what it gets). */
  const confirm = useCallback(
    (settings: FileImportSettings[], acceptPartial: boolean) => {
      const files = pending ?? [];
      setPending(null);
      void importNow(
        files.map((f, i) => ({ name: f.name, bytes: f.bytes.slice(), settings: settings[i] })),
        acceptPartial,
      );
    },
    [pending, importNow],
  );

  return { reports, clearReports: () => setReports(null), pick, importNow, pending, confirm, cancelPending: () => setPending(null) };
}
