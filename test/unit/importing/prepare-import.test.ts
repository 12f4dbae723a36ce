/**
 * The import's two phases: prepareImport (no workspace, no database: what the app's import worker runs) gives the
 * very batch bytes importFile writes; and the worker's handler and client carry it through the zod-checked messages,
 * with Cancel terminating the worker.
 */
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { commitImport, prepareImport } from '../../../shared/importing/import-file';
import { handleImportMessage } from '../../../renderer/importing/import-handler';
import { ImportClient, type ImportWorker } from '../../../renderer/importing/import-client';
import { enc, expectStatus, testWorkspace } from './harness';

const HEAD = 'Sample Name,Compound,Area,Acq. Date\n';
const GOOD = `${HEAD}S1,fentanyl,100,2025-03-05\nS1,NPP,nd,2025-03-05\nS2,fentanyl,200,2025-03-06\nS2,mystery-x,3,2025-03-06\n`;
const BAD = `${HEAD}S1,fentanyl,100,2025-03-05\nS1,NPP,abc,2025-03-05\n`;

/** An IPC stream's schema (names, types, nullability) and rows, as JSON. */
function decoded(bytes: Uint8Array): string {
  const table = tableFromIPC(bytes);
  return JSON.stringify({ fields: table.schema.fields.map((f) => [f.name, String(f.type), f.nullable]), rows: table.toArray().map((r) => r.toJSON()) }, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
}

/** A worker double: the handler behind structured clones, as a real worker sees the messages. */
function fakeWorker(log: string[]): ImportWorker {
  const w: ImportWorker = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      log.push('post');
      void handleImportMessage(structuredClone(message), (m) => w.onmessage?.({ data: structuredClone(m) } as MessageEvent));
    },
    terminate: () => log.push('terminate'),
  };
  return w;
}

describe('prepareImport and commitImport', () => {
  it('prepares the same batch bytes importFile writes, touching no workspace', async () => {
    const t = await testWorkspace();
    const before = t.snapshot();
    const batchId = t.ws.nextBatchId();
    const prepared = await prepareImport({ dictionary: DEFAULT_COMPOUND_DICTIONARY, batchId }, { name: 'good.csv', bytes: enc.encode(GOOD) });
    expect(t.snapshot()).toEqual(before);
    expect(t.ws.manifest.batches).toHaveLength(0);
    if (prepared.status !== 'prepared') throw new Error(`expected prepared, got ${prepared.status}`);
    expect(prepared).toMatchObject({ batchId, kind: 'results-long', format: 'csv', rowsRead: 4, quarantined: 0, quarantine: null, unassignedCompounds: ['mystery-x'] });

    const o = expectStatus(await t.importBytes('good.csv', GOOD), 'imported');
    expect(o.batch.id).toBe(batchId);
    expect(o.batch.file_sha256).toBe(prepared.sha256);
    expect(o.unassignedCompounds).toEqual(prepared.unassignedCompounds);
    // Byte for byte but for the dictionary ids, which apache-arrow numbers from a counter global to the process
    // (each of the worker and the CLI starts its own).
    expect(decoded(await t.ws.readBatchData(o.batch))).toEqual(decoded(prepared.data));
    expect(prepared.data.byteLength).toBeGreaterThan(0);

    // The same file again: a duplicate, said by the prepare phase from the known files, and by the commit.
    const again = await prepareImport({ dictionary: DEFAULT_COMPOUND_DICTIONARY, batchId: t.ws.nextBatchId(), known: [{ sha256: prepared.sha256, sheet: null }] }, { name: 'good.csv', bytes: enc.encode(GOOD) });
    expect(again.status).toBe('duplicate');
    const dup = expectStatus(await commitImport({ workspace: t.ws, db: t.db, dictionary: DEFAULT_COMPOUND_DICTIONARY }, again), 'duplicate');
    expect(dup.existing.id).toBe(batchId);
  });

  it('runs in the worker through checked messages, transferring the bytes, and commits on the calling thread', async () => {
    const t = await testWorkspace();
    const log: string[] = [];
    const client = new ImportClient(() => fakeWorker(log));
    const stages: string[] = [];
    const request = { dictionary: DEFAULT_COMPOUND_DICTIONARY, profile: null, acceptPartial: false, batchId: t.ws.nextBatchId(), known: [] };
    const refused = await client.prepare({ name: 'bad.csv', bytes: enc.encode(BAD) }, request);
    expect(refused).toMatchObject({ status: 'refused', problemCount: 1 });
    const prepared = await client.prepare({ name: 'good.csv', bytes: enc.encode(GOOD) }, request, { onProgress: (p) => stages.push(p.stage) });
    expect(prepared.status).toBe('prepared');
    expect(stages).toContain('parsing');
    const o = expectStatus(await commitImport({ workspace: t.ws, db: t.db, dictionary: DEFAULT_COMPOUND_DICTIONARY, analyst: 'tester' }, prepared), 'imported');
    expect(await t.rows(`SELECT count(*)::INTEGER AS n FROM batch_${o.batch.id}`)).toEqual([{ n: 4 }]);
    expect(log).toEqual(['post', 'post']); // one worker, started lazily and kept
  });

  it('Cancel terminates the worker, rejects with an AbortError, and the next import starts a fresh worker', async () => {
    const t = await testWorkspace();
    const before = t.snapshot();
    const log: string[] = [];
    let started = 0;
    const client = new ImportClient(() => {
      started++;
      return { onmessage: null, onerror: null, postMessage: () => log.push('post (never answers)'), terminate: () => log.push('terminate') };
    });
    const controller = new AbortController();
    const request = { dictionary: DEFAULT_COMPOUND_DICTIONARY, profile: null, acceptPartial: false, batchId: t.ws.nextBatchId(), known: [] };
    const running = client.prepare({ name: 'good.csv', bytes: enc.encode(GOOD) }, request, { signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(log).toEqual(['post (never answers)', 'terminate']);
    expect(t.snapshot()).toEqual(before);
    void client.prepare({ name: 'good.csv', bytes: enc.encode(GOOD) }, request).catch(() => undefined);
    expect(started).toBe(2);
    client.dispose();
  });
});
