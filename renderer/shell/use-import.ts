/** Import from the file dialog or from files dropped on the window, with the reports of what happened. */
import { useCallback, useState } from 'react';
import { importFiles, type FileReport } from '../state/import-files';
import { useWorkbench } from '../state/workbench';

export const IMPORT_FILTERS = [{ name: 'Result and sample files', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'parquet', 'arrow', 'feather'] }];

export function useImport() {
  const wb = useWorkbench();
  const [reports, setReports] = useState<FileReport[] | null>(null);

  const importNow = useCallback(
    async (files: { name: string; bytes: Uint8Array }[]) => {
      if (!wb.current || files.length === 0) return;
      setReports(await importFiles(wb, wb.current, files));
    },
    [wb],
  );

  const pick = useCallback(async () => {
    if (!wb.current) return;
    const files = await wb.host['dialog:open-files']({ title: 'Import result or sample files', filters: IMPORT_FILTERS, multiple: true });
    await importNow(files);
  }, [wb, importNow]);

  return { reports, clearReports: () => setReports(null), pick, importNow };
}
