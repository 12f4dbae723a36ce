/**
 * The import worker's body, apart from the worker global so that tests can drive it: validates a prepare message,
 * runs the prepare phase of the import (shared/importing/import-file.ts), posts throttled progress, then the prepared
 * import with its batch and quarantine buffers transferred, or the error as { name, message }.
 */
import { prepareImport } from '../../shared/importing/import-file';
import { preparedTransferables, ToImport, type FromImport } from '../../shared/importing/import-protocol';

export type ImportPost = (message: FromImport, transfer: ArrayBuffer[]) => void;

/** Progress is posted when the stage changes or the fraction moves by at least this much. */
const PROGRESS_STEP = 0.01;

/** Handles one message posted to the import worker. */
export async function handleImportMessage(data: unknown, post: ImportPost): Promise<void> {
  const parsed = ToImport.safeParse(data);
  if (!parsed.success) {
    const id = typeof (data as { id?: unknown } | null)?.id === 'number' ? (data as { id: number }).id : -1;
    const issue = parsed.error.issues[0];
    post({ type: 'error', id, error: { name: 'ImportProtocolError', message: `bad import request: ${issue.path.join('.') || '(root)'}: ${issue.message}` } }, []);
    return;
  }
  const { id, file, request } = parsed.data;
  let lastStage = '';
  let lastFraction = -1;
  try {
    const prepared = await prepareImport(
      {
        ...request,
        onProgress: (progress) => {
          if (progress.stage !== lastStage || progress.fraction - lastFraction >= PROGRESS_STEP) {
            lastStage = progress.stage;
            lastFraction = progress.fraction;
            post({ type: 'progress', id, progress }, []);
          }
        },
      },
      file,
    );
    post({ type: 'result', id, prepared }, preparedTransferables(prepared));
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    post({ type: 'error', id, error: { name: err.name, message: err.message } }, []);
  }
}
