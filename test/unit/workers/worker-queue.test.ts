/**
 * The worker queue behind the engine and import clients: one job at a time in order, Cancel (queued: dropped; running:
 * the worker terminated and the next job on a fresh one), late and bad messages, worker crashes, dispose.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WorkerQueue, type WorkerQueueHooks } from '../../../renderer/workers/worker-queue';
import { ScriptedWorker } from '../../util/scripted-worker';

class TestWorkerError extends Error {
  override name = 'TestWorkerError';
}

const Reply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), id: z.number().int(), progress: z.number() }),
  z.object({ type: z.literal('result'), id: z.number().int(), result: z.string() }),
  z.object({ type: z.literal('error'), id: z.number().int(), error: z.object({ name: z.string(), message: z.string() }) }),
]);

interface Task {
  label: string;
  bytes?: Uint8Array;
}

interface Posted {
  id: number;
  label: string;
}

/** The test's worker double, answering in the queue's terms. */
class QueueTestWorker extends ScriptedWorker<Posted> {
  result(id: number, result = `done ${id}`): void {
    this.send({ type: 'result', id, result });
  }
}

function queueWith(hooks: Partial<WorkerQueueHooks<Task, string, number, { name: string; message: string }>> = {}) {
  const workers: QueueTestWorker[] = [];
  const queue = new WorkerQueue<Task, string, number>({
    start: () => {
      const w = new QueueTestWorker();
      workers.push(w);
      return w;
    },
    label: 'the test worker',
    error: (message) => new TestWorkerError(message),
    abortError: () => new DOMException('The test was cancelled', 'AbortError'),
    post: (task, id) => ({ message: { id, label: task.label, bytes: task.bytes }, transfer: task.bytes ? [task.bytes.buffer] : [] }),
    parse: (data) => Reply.safeParse(data),
    ...hooks,
  });
  const job = (label: string, options = {}) => queue.run(() => ({ label }), options);
  return { queue, workers, job };
}

/** Lets settled promises run their handlers. */
const tick = () => new Promise((r) => setTimeout(r, 0));

const cancelled = { name: 'AbortError', message: 'The test was cancelled' };

describe('worker queue', () => {
  it('runs jobs one at a time, in order, in one worker started at the first job, transferring their buffers', async () => {
    const { queue, workers, job } = queueWith();
    expect(workers).toHaveLength(0);
    const bytes = new Uint8Array([1, 2, 3]);
    const done: string[] = [];
    const a = queue.run(() => ({ label: 'a', bytes }), {}).then((r) => done.push(r));
    const b = job('b').then((r) => done.push(r));
    const c = job('c').then((r) => done.push(r));
    const [w] = workers;
    expect(w.posted.map((p) => p.label)).toEqual(['a']);
    expect(bytes.byteLength).toBe(0); // transferred
    w.result(1, 'A');
    await tick();
    expect(w.posted.map((p) => [p.id, p.label])).toEqual([[1, 'a'], [2, 'b']]);
    w.result(2, 'B');
    w.result(3, 'C');
    await Promise.all([a, b, c]);
    expect(done).toEqual(['A', 'B', 'C']);
    expect(workers).toHaveLength(1);
  });

  it('reports progress to the running job', async () => {
    const { workers, job } = queueWith();
    const progress: number[] = [];
    const running = job('a', { onProgress: (p: number) => progress.push(p) });
    workers[0].send({ type: 'progress', id: 1, progress: 0.5 });
    workers[0].send({ type: 'progress', id: 1, progress: 1 });
    workers[0].result(1);
    await expect(running).resolves.toBe('done 1');
    expect(progress).toEqual([0.5, 1]);
  });

  it('cancels a queued job by dropping it, leaving the running job and its worker alone', async () => {
    const { workers, job } = queueWith();
    const controller = new AbortController();
    const running = job('a');
    const queued = job('b', { signal: controller.signal });
    const after = job('c');
    controller.abort();
    await expect(queued).rejects.toMatchObject(cancelled);
    expect(workers[0].terminated).toBe(false);
    workers[0].result(1);
    await expect(running).resolves.toBe('done 1');
    expect(workers[0].posted.map((p) => p.label)).toEqual(['a', 'c']);
    workers[0].result(3);
    await expect(after).resolves.toBe('done 3');
  });

  it('cancels the running job by terminating its worker; the next job starts a fresh one', async () => {
    const { workers, job } = queueWith();
    const controller = new AbortController();
    const running = job('a', { signal: controller.signal });
    const next = job('b');
    controller.abort();
    await expect(running).rejects.toMatchObject(cancelled);
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1].posted).toEqual([{ id: 2, label: 'b' }]);
    workers[1].result(2);
    await expect(next).resolves.toBe('done 2');
  });

  it('rejects at once when the signal is already aborted, without building the task', async () => {
    const { queue, workers } = queueWith();
    const controller = new AbortController();
    controller.abort();
    let built = false;
    const job = queue.run(() => ((built = true), { label: 'a' }), { signal: controller.signal });
    await expect(job).rejects.toMatchObject(cancelled);
    expect(built).toBe(false);
    expect(workers).toHaveLength(0);
  });

  it('rejects with the error of a task that cannot be built, and goes on', async () => {
    const { queue, workers, job } = queueWith();
    await expect(queue.run(() => { throw new RangeError('bad request'); })).rejects.toThrow(RangeError);
    const next = job('b');
    expect(workers[0].posted).toEqual([{ id: 1, label: 'b' }]);
    workers[0].result(1);
    await expect(next).resolves.toBe('done 1');
  });

  it('ignores late messages of a cancelled job, from its dropped worker or with its id', async () => {
    const { workers, job } = queueWith();
    const controller = new AbortController();
    const progress: number[] = [];
    const running = job('a', { signal: controller.signal });
    const next = job('b', { onProgress: (p: number) => progress.push(p) });
    controller.abort();
    await expect(running).rejects.toMatchObject(cancelled);
    const [old, fresh] = workers;
    old.send({ type: 'progress', id: 1, progress: 0.9 });
    old.result(1);
    old.send('garbage'); // nor does a bad message or a crash of the dropped worker touch the running job
    old.crash('gone');
    fresh.send({ type: 'progress', id: 1, progress: 0.9 });
    fresh.result(1, 'late');
    fresh.send({ type: 'progress', id: 2, progress: 0.2 });
    fresh.result(2);
    await expect(next).resolves.toBe('done 2');
    expect(progress).toEqual([0.2]);
    expect(fresh.terminated).toBe(false);
  });

  it('fails the running job on a message that fails the check, and restarts the worker', async () => {
    const { workers, job } = queueWith();
    const running = job('a');
    const next = job('b');
    workers[0].send({ type: 'result', id: 1, result: 42 });
    const err = await running.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TestWorkerError);
    expect((err as Error).message).toMatch(/^bad message from the test worker: /);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].posted.map((p) => p.id)).toEqual([2]);
    workers[1].result(2);
    await expect(next).resolves.toBe('done 2');
  });

  it('fails the running job when the worker crashes, and restarts the worker', async () => {
    const { workers, job } = queueWith();
    const running = job('a');
    const next = job('b');
    workers[0].crash('out of memory');
    const err = await running.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TestWorkerError);
    expect((err as Error).message).toBe('the test worker stopped: out of memory');
    expect(workers[0].terminated).toBe(true);
    workers[1].result(2);
    await expect(next).resolves.toBe('done 2');
    workers[1].crash(''); // no job running: nothing to fail, the worker is kept
    expect(workers[1].terminated).toBe(false);
  });

  it('turns failures the worker reports into the client error, keeping their name, or a special one', async () => {
    const { workers, job } = queueWith({ failure: ({ name, message }) => (name === 'Refusal' ? new RangeError(message) : undefined) });
    const errors = Promise.all(['a', 'b', 'c'].map((label) => job(label).catch((e: unknown) => e)));
    workers[0].send({ type: 'error', id: 1, error: { name: 'Error', message: 'broke' } });
    workers[0].send({ type: 'error', id: 2, error: { name: 'ProtocolError', message: 'bad request' } });
    workers[0].send({ type: 'error', id: 3, error: { name: 'Refusal', message: 'too few' } });
    const [plain, named, special] = await errors;
    expect(plain).toMatchObject({ name: 'TestWorkerError', message: 'broke' });
    expect(named).toMatchObject({ name: 'ProtocolError', message: 'bad request' });
    expect(named).toBeInstanceOf(TestWorkerError);
    expect(special).toBeInstanceOf(RangeError);
    expect(workers).toHaveLength(1); // a reported failure leaves the worker running
  });

  it('fails a job whose message cannot be posted, keeping the worker', async () => {
    const { workers, job } = queueWith();
    const first = job('a');
    workers[0].result(1);
    await first;
    workers[0].refuse = true;
    await expect(job('b')).rejects.toMatchObject({ name: 'DataCloneError' });
    workers[0].refuse = false;
    const next = job('c');
    workers[0].result(3);
    await expect(next).resolves.toBe('done 3');
    expect(workers).toHaveLength(1);
  });

  it('dispose fails the running and the queued jobs, stops the worker, and a later job starts a fresh one', async () => {
    const { queue, workers, job } = queueWith();
    const controller = new AbortController();
    const running = job('a', { signal: controller.signal });
    const queued = job('b');
    queue.dispose();
    await expect(running).rejects.toMatchObject(cancelled);
    await expect(queued).rejects.toMatchObject(cancelled);
    expect(workers[0].terminated).toBe(true);
    controller.abort(); // its listener is gone: no second worker started for nothing
    expect(workers).toHaveLength(1);
    const later = job('c');
    expect(workers).toHaveLength(2);
    workers[1].result(3);
    await expect(later).resolves.toBe('done 3');
  });
});
