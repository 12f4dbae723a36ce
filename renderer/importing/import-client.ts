/**
 * The renderer's import worker client: runs the prepare phase of an import (read, map, scan, check, build the batch's
 * Arrow IPC bytes; prepareImport in shared/importing/import-file.ts) in a module Web Worker, off the interface thread.
 * The file's buffer is transferred to the worker (the caller's bytes are detached afterwards) and the batch and
 * quarantine bytes come back the same way. The commit (write into the workspace, load into the database) is the
 * caller's, on this thread: commitImport.
 *
 * Cancel terminates the worker and rejects with an AbortError: nothing has been written yet, so the workspace is
 * untouched. The next request starts a fresh worker. Requests run one at a time, in order.
 */
import { FromImport, PrepareRequest, type ToImport } from '../../shared/importing/import-protocol';
import type { PreparedImport } from '../../shared/importing/import-file';
import type { SourceFile } from '../../shared/importing/open-source';
import type { ImportProgress } from '../../shared/importing/types';

/** What the client needs of a Worker (a real one, or a test double). */
export interface ImportWorker {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

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

export interface PrepareRunOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

interface Job {
  id: number;
  message: ToImport;
  options: PrepareRunOptions;
  resolve: (value: PreparedImport) => void;
  reject: (error: unknown) => void;
  onAbort?: () => void;
}

export class ImportClient {
  private worker: ImportWorker | null = null;
  private current: Job | null = null;
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly startWorker: () => ImportWorker = startImportWorker) {}

  /**
   * Prepares one file in the worker. The file's buffer is transferred (detached here) when the bytes are all of it.
   * Rejects with an AbortError on Cancel.
   */
  prepare(file: SourceFile, request: PrepareRequest, options: PrepareRunOptions = {}): Promise<PreparedImport> {
    return new Promise<PreparedImport>((resolve, reject) => {
      if (options.signal?.aborted) return reject(abortError());
      let checked: PrepareRequest;
      try {
        checked = PrepareRequest.parse(request);
      } catch (e) {
        return reject(e);
      }
      const id = this.nextId++;
      // A view on part of a larger buffer (which other files may share) is copied, so that only its own bytes move.
      const whole = file.bytes.byteOffset === 0 && file.bytes.byteLength === file.bytes.buffer.byteLength && file.bytes.buffer instanceof ArrayBuffer;
      const bytes = whole ? file.bytes : file.bytes.slice();
      const job: Job = { id, message: { type: 'prepare', id, file: { name: file.name, bytes }, request: checked }, options, resolve, reject };
      job.onAbort = () => this.cancel(job);
      options.signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Stops the worker and fails every pending request. */
  dispose(): void {
    const jobs = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = null;
    this.stopWorker();
    for (const j of jobs) this.finish(j, () => j.reject(abortError()));
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift() as Job;
    this.current = job;
    const worker = this.ensureWorker();
    const buffer = job.message.file.bytes.buffer;
    try {
      worker.postMessage(job.message, buffer instanceof ArrayBuffer ? [buffer] : []);
    } catch (e) {
      this.fail(job, e);
    }
  }

  private ensureWorker(): ImportWorker {
    if (this.worker) return this.worker;
    const worker = this.startWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.current) this.fail(this.current, new ImportWorkerError(`the import worker stopped: ${event.message || 'unknown error'}`), true);
    };
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private receive(data: unknown): void {
    const job = this.current;
    const parsed = FromImport.safeParse(data);
    if (!parsed.success) {
      if (job) this.fail(job, new ImportWorkerError(`bad message from the import worker: ${parsed.error.issues[0].message}`), true);
      return;
    }
    const msg = parsed.data;
    if (!job || msg.id !== job.id) return; // a late message of a cancelled run
    if (msg.type === 'progress') {
      job.options.onProgress?.(msg.progress);
      return;
    }
    this.current = null;
    if (msg.type === 'result') this.finish(job, () => job.resolve(msg.prepared));
    else {
      const { name, message } = msg.error;
      const error = name === 'AbortError' ? abortError() : Object.assign(new ImportWorkerError(message), { name: name === 'Error' ? 'ImportWorkerError' : name });
      this.finish(job, () => job.reject(error));
    }
    this.pump();
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, () => job.reject(abortError()));
      return;
    }
    if (this.current === job) this.fail(job, abortError(), true);
  }

  /** Rejects the running job; with `restart`, drops the worker so that the next job starts a fresh one. */
  private fail(job: Job, error: unknown, restart = false): void {
    if (this.current === job) this.current = null;
    if (restart) this.stopWorker();
    this.finish(job, () => job.reject(error));
    this.pump();
  }

  private finish(job: Job, settle: () => void): void {
    if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
    settle();
  }
}

let shared: ImportClient | null = null;

/** The renderer's import client, started lazily (its worker too, at the first import). */
export function importClient(): ImportClient {
  shared ??= new ImportClient();
  return shared;
}
