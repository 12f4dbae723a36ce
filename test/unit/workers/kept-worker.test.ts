/**
 * The kept worker behind the digest and figure clients: started on first use and kept, answers matched to their jobs
 * by id, a failure answer rejected with its reason, and a crash rejecting every pending job, the next job starting a
 * fresh worker.
 */
import { describe, expect, it } from 'vitest';
import { KeptWorker, type KeptAnswer } from '../../../renderer/workers/kept-worker';
import { ScriptedWorker } from '../../util/scripted-worker';

type Answer = KeptAnswer & { hex?: string };

function kept() {
  const workers: ScriptedWorker<{ id: number; bytes: Uint8Array }>[] = [];
  const worker = new KeptWorker<Answer, string>(
    () => {
      const w = new ScriptedWorker<{ id: number; bytes: Uint8Array }>();
      workers.push(w);
      return w;
    },
    'test worker',
    (answer) => answer.hex,
  );
  const job = (bytes = new Uint8Array([1, 2, 3])) => worker.post((id) => ({ id, bytes }), [bytes.buffer]);
  return { workers, job };
}

/** A promise's outcome once the handlers have run. */
const outcome = async (p: Promise<string>) => p.then((hex) => ({ hex }), (e: Error) => ({ error: e.message }));

describe('KeptWorker', () => {
  it('starts the worker on first use and keeps it; answers settle their own job, in any order', async () => {
    const { workers, job } = kept();
    expect(workers).toHaveLength(0);
    const bytes = new Uint8Array([4, 5]);
    const a = job(bytes);
    const b = job();
    expect(workers).toHaveLength(1);
    // Posted at once, the buffers transferred (the caller's array is detached).
    expect(workers[0].posted.map((p) => p.id)).toEqual([0, 1]);
    expect(bytes.byteLength).toBe(0);
    workers[0].send({ id: 1, hex: 'bb' });
    workers[0].send({ id: 0, error: 'no digest here' });
    expect(await outcome(b)).toEqual({ hex: 'bb' });
    expect(await outcome(a)).toEqual({ error: 'no digest here' });
    const c = job();
    workers[0].send({ id: 2 });
    expect(await outcome(c)).toEqual({ error: 'the test worker failed' });
    expect(workers).toHaveLength(1);
  });

  it('a crash rejects every pending job; the next job starts a fresh worker', async () => {
    const { workers, job } = kept();
    const pending = [job(), job()];
    workers[0].crash('out of memory');
    expect(await Promise.all(pending.map(outcome))).toEqual([{ error: 'the test worker stopped' }, { error: 'the test worker stopped' }]);
    const next = job();
    expect(workers).toHaveLength(2);
    expect(workers[1].posted.map((p) => p.id)).toEqual([2]);
    workers[1].send({ id: 2, hex: 'cc' });
    expect(await outcome(next)).toEqual({ hex: 'cc' });
  });

  it('a message that cannot be posted rejects its job', async () => {
    const { workers, job } = kept();
    const first = job();
    workers[0].refuse = true;
    expect(await outcome(job())).toEqual({ error: 'could not be cloned' });
    workers[0].send({ id: 0, hex: 'aa' });
    expect(await outcome(first)).toEqual({ hex: 'aa' });
  });
});
