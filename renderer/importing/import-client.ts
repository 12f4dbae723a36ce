/**
 * The renderer's import worker client: runs the prepare phase of an import (read, map, scan, check, build the batch's
 * Arrow IPC bytes; prepareImport in shared/importing/import-file.ts) in a module Web Worker, off the interface thread.
 * The file's buffer is transferred to the worker (the caller's bytes are detached afterwards) and the batch and
 * quarantine bytes come back the same way. The commit (write into the workspace, load into the database) is the
 * caller's, on this thread: commitImport.
 *
 * Cancel terminates the worker and rejects with an AbortError: nothing has been written yet, so the workspace is
 * untouched. The next request starts a fresh worker. Requests run one at a time, in order
 * (renderer/workers/worker-queue.ts).
 */
import { FromImport, PrepareRequest, type ToImport } from '../../shared/importing/import-protocol';
import type { PreparedImport } from '../../shared/importing/import-file';
import type { SourceFile } from '../../shared/importing/open-source';
import type { ImportProgress } from '../../shared/importing/types';
import { WorkerQueue, type JobOptions, type QueueWorker } from '../workers/worker-queue';

/** What the client needs of a Worker (a real one, or a test double). */
export type ImportWorker = QueueWorker;

/** Starts the bundled import worker. */
export function startImportWorker(): ImportWorker {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'import' });
}

/** An import worker failure (a bug, or the worker crashing); bad files are refusals in the prepared import, not errors. */
export class ImportWorkerError extends Error {
  override name = 'ImportWorkerError';
}

function abortError(): Error {
  return new DOMException('The import was cancelled', 'AbortError');
}

export type PrepareRunOptions = JobOptions<ImportProgress>;

/** One queued prepare: the message without its id. */
type PrepareTask = Omit<ToImport, 'type' | 'id'>;

export class ImportClient {
  private readonly queue: WorkerQueue<PrepareTask, PreparedImport, ImportProgress>;

  constructor(startWorker: () => ImportWorker = startImportWorker) {
    this.queue = new WorkerQueue({
      start: startWorker,
      label: 'the import worker',
      error: (message) => new ImportWorkerError(message),
      abortError,
      post: (task, id) => {
        const buffer = task.file.bytes.buffer;
        return { message: { type: 'prepare', id, ...task } satisfies ToImport, transfer: buffer instanceof ArrayBuffer ? [buffer] : [] };
      },
      parse: (data) => {
        const checked = FromImport.safeParse(data);
        if (!checked.success) return checked;
        const m = checked.data;
        return { success: true, data: m.type === 'result' ? { type: 'result', id: m.id, result: m.prepared } : m };
      },
      failure: ({ name }) => (name === 'AbortError' ? abortError() : undefined),
    });
  }

  /**
   * Prepares one file in the worker. The file's buffer is transferred (detached here) when the bytes are all of it.
   * Rejects with an AbortError on Cancel.
   */
  prepare(file: SourceFile, request: PrepareRequest, options: PrepareRunOptions = {}): Promise<PreparedImport> {
    return this.queue.run(() => {
      const checked = PrepareRequest.parse(request);
      // A view on part of a larger buffer (which other files may share) is copied, so that only its own bytes move.
      const whole = file.bytes.byteOffset === 0 && file.bytes.byteLength === file.bytes.buffer.byteLength && file.bytes.buffer instanceof ArrayBuffer;
      return { file: { name: file.name, bytes: whole ? file.bytes : file.bytes.slice() }, request: checked };
    }, options);
  }

  /** Stops the worker and fails every pending request. */
  dispose(): void {
    this.queue.dispose();
  }
}

let shared: ImportClient | null = null;

/** The renderer's import client, started lazily (its worker too, at the first import). */
export function importClient(): ImportClient {
  shared ??= new ImportClient();
  return shared;
}
