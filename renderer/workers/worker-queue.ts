/**
 * A queue of jobs run one at a time, in order, in a module Web Worker: what the engine client and the import client
 * share. Each job is posted with an id; the worker answers with checked messages (progress, then a result or an
 * error) carrying that id.
 *
 * Cancel (the job's AbortSignal): a queued job leaves the queue; a running one terminates the worker, because a
 * worker busy in synchronous code never sees a message from this thread. Either way the job rejects with the abort
 * error, and the next job starts a fresh worker. Messages that still arrive for a cancelled job are ignored.
 *
 * A worker that crashes (its error event) or sends a message that fails the check fails the running job and is
 * dropped. The queue never throws: every failure is a rejection of the job's promise.
 */

/** What the queue needs of a Worker (a real one, or a test double). */
export interface QueueWorker {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A message from the worker about job `id`. */
export type WorkerReply<Result, Progress, Failure> =
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'result'; id: number; result: Result }
  | { type: 'error'; id: number; error: Failure };

/** A checked message, or what is wrong with it; zod's safeParse result is one. */
export type Checked<T> = { success: true; data: T } | { success: false; error: { issues: readonly { message: string }[] } };

/** How the worker reports a failure: at least the error's name and message, as `{ name, message }`. */
export interface FailurePayload {
  name: string;
  message: string;
}

/** A job's options: `signal` cancels it, `onProgress` gets each progress report of the worker. */
export interface JobOptions<Progress> {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface WorkerQueueHooks<Task, Result, Progress, Failure extends FailurePayload> {
  /** Starts a worker: at the first job, and again after a cancel, a crash or a bad message dropped the last one. */
  start: () => QueueWorker;
  /** Names the worker in error messages, as in "bad message from the import worker". */
  label: string;
  /** The client's own error class, for a crash, a bad message and (by default) a failure the worker reports. */
  error: (message: string) => Error;
  /** The error a cancelled job rejects with (a fresh one each time). */
  abortError: () => Error;
  /** The message posting job `id`, and the buffers to transfer with it (they are detached here afterwards). */
  post: (task: Task, id: number) => { message: unknown; transfer: Transferable[] };
  /** Checks a message from the worker. */
  parse: (data: unknown) => Checked<WorkerReply<Result, Progress, Failure>>;
  /**
   * The error for a failure the worker reports, where the client has a special one; otherwise (undefined, and by
   * default) `error(message)` carrying the failure's name unless that name is the plain 'Error'.
   */
  failure?: (payload: Failure) => Error | undefined;
}

interface Job<Task, Result, Progress> {
  id: number;
  task: Task;
  options: JobOptions<Progress>;
  resolve: (value: Result) => void;
  reject: (error: unknown) => void;
  onAbort?: () => void;
}

export class WorkerQueue<Task, Result, Progress, Failure extends FailurePayload = FailurePayload> {
  private worker: QueueWorker | null = null;
  private current: Job<Task, Result, Progress> | null = null;
  private readonly queue: Job<Task, Result, Progress>[] = [];
  private nextId = 1;

  constructor(private readonly hooks: WorkerQueueHooks<Task, Result, Progress, Failure>) {}

  /**
   * Queues a job. `task` is called once, at once, unless the signal is already aborted (then the job rejects with
   * the abort error); if it throws, the job rejects with that error. The worker itself starts with the first job.
   */
  run(task: () => Task, options: JobOptions<Progress> = {}): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      if (options.signal?.aborted) return reject(this.hooks.abortError());
      let built: Task;
      try {
        built = task();
      } catch (e) {
        return reject(e);
      }
      const job: Job<Task, Result, Progress> = { id: this.nextId++, task: built, options, resolve, reject };
      job.onAbort = () => this.cancel(job);
      options.signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Stops the worker and rejects every pending job with the abort error. A later job starts a fresh worker. */
  dispose(): void {
    const jobs = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = null;
    this.stopWorker();
    for (const job of jobs) this.settle(job, () => job.reject(this.hooks.abortError()));
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift() as Job<Task, Result, Progress>;
    this.current = job;
    const worker = this.ensureWorker();
    try {
      const { message, transfer } = this.hooks.post(job.task, job.id);
      worker.postMessage(message, transfer);
    } catch (e) {
      this.fail(job, e); // the message could not be cloned: the worker never saw it, so it is kept
    }
  }

  private ensureWorker(): QueueWorker {
    if (this.worker) return this.worker;
    const worker = this.hooks.start();
    // Events of a worker already dropped (terminated, or replaced) belong to no job that is still running.
    worker.onmessage = (event) => {
      if (worker === this.worker) this.receive(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (worker === this.worker && this.current) this.fail(this.current, this.hooks.error(`${this.hooks.label} stopped: ${event.message || 'unknown error'}`), true);
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
    const checked = this.hooks.parse(data);
    if (!checked.success) {
      if (job) this.fail(job, this.hooks.error(`bad message from ${this.hooks.label}: ${checked.error.issues[0]?.message ?? 'unreadable'}`), true);
      return;
    }
    const reply = checked.data;
    if (!job || reply.id !== job.id) return; // a late message of a cancelled job
    if (reply.type === 'progress') {
      job.options.onProgress?.(reply.progress);
      return;
    }
    this.current = null;
    if (reply.type === 'result') this.settle(job, () => job.resolve(reply.result));
    else {
      const error = this.failureError(reply.error);
      this.settle(job, () => job.reject(error));
    }
    this.pump();
  }

  private failureError(payload: Failure): Error {
    const special = this.hooks.failure?.(payload);
    if (special) return special;
    const error = this.hooks.error(payload.message);
    if (payload.name !== 'Error') error.name = payload.name;
    return error;
  }

  private cancel(job: Job<Task, Result, Progress>): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, () => job.reject(this.hooks.abortError()));
      return;
    }
    if (this.current === job) this.fail(job, this.hooks.abortError(), true);
  }

  /** Rejects the running job; with `restart`, drops the worker so that the next job starts a fresh one. */
  private fail(job: Job<Task, Result, Progress>, error: unknown, restart = false): void {
    if (this.current === job) this.current = null;
    if (restart) this.stopWorker();
    this.settle(job, () => job.reject(error));
    this.pump();
  }

  private settle(job: Job<Task, Result, Progress>, done: () => void): void {
    if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
    done();
  }
}
