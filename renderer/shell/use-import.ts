/**
 * Import from the file dialog or from files dropped on the window, both through the preview step
 * (ImportPreviewDialog: the analyst looks, corrects, then imports), with the reports of what happened.
 */
import { useCallback, useState } from 'react';
import { importFiles, type FileImportSettings, type FileReport } from '../state/import-files';
import { useWorkbench } from '../state/workbench';

export const IMPORT_FILTERS = [{ name: 'Result and sample files', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'parquet', 'arrow', 'feather'] }];

type PickedFile = { name: string; bytes: Uint8Array };

export function useImport() {
  const wb = useWorkbench();
  const [reports, setReports] = useState<FileReport[] | null>(null);
  /** Files picked with the Import button or dropped on the window, waiting in the preview step. */
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
    if (files.length > 0) setPending((open) => (open ? [...open, ...files] : files));
  }, [wb]);

  /**
   * Files dropped on the window go to the same preview (the analyst looks, then imports). Files picked or dropped
   * while it is open join the files in it, after them, so that the corrections made so far stay with their files.
   */
  const preview = useCallback((files: PickedFile[]) => {
    if (files.length > 0) setPending((open) => (open ? [...open, ...files] : files));
  }, []);

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

  /** Leaves one previewed file out (an unreadable one, say); the preview closes with the last. */
  const remove = useCallback((index: number) => setPending((open) => {
    const rest = (open ?? []).filter((_, i) => i !== index);
    return rest.length ? rest : null;
  }), []);

  return { reports, clearReports: () => setReports(null), pick, preview, pending, confirm, remove, cancelPending: () => setPending(null) };
}
