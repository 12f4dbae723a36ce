/**
 * The signature tables kept between opens (renderer/data/ui-tables-cache.ts): read back, they are the computed tables
 * (Arrow schema and every value, floats by their bits) and the PCA's matrix from them is the same; their key changes
 * with every input (a batch added, the dictionary, the compounds, the non-detect rule); a cut bundle is computed
 * again; the host keeps one bundle per workspace and only under a SHA-256 key.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../../node/db/node-database';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { KEPT_TABLES, signatureTables, signatureTablesBundle, signatureTablesKey } from '../../../renderer/data/ui-tables-cache';
import { buildSignatureTables } from '../../../renderer/data/ui-tables';
import { displayMatrix } from '../../../renderer/data/signature-matrix';
import type { Database } from '../../../shared/db/Database';
import { openInDatabase } from '../../../shared/db/workspace-views';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { parseRequest, type Host, type WorkspaceRef } from '../../../shared/host/contract';
import { Workspace } from '../../../shared/workspace/Workspace';
import { addRows, generateProfiles, makeWorkspace, TEST_ACTOR } from '../analysis/make-workspace';
import { fingerprint } from '../../util/arrow-fingerprint';
import { desktopHostFor } from '../../util/desktop-host';
import { tempDir } from '../../util/temp-dir';

let t: ReturnType<typeof tempDir>;
let host: Host;
let ref: WorkspaceRef;
const wsDir = () => path.join(t.dir, 'ws');

beforeEach(async () => {
  t = tempDir();
  await makeWorkspace(wsDir(), { sources: 4, seed: 31 });
  host = desktopHostFor(t.dir, wsDir(), TEST_ACTOR);
  ref = (await host['workspace:open']({}))!;
}, 60_000);
afterEach(() => t.cleanup());

async function open(): Promise<{ ws: Workspace; db: Database }> {
  const ws = await Workspace.open(new NodeFileStore(wsDir()), TEST_ACTOR);
  const db = await openNodeDatabase();
  await openInDatabase(db, ws, DEFAULT_COMPOUND_DICTIONARY);
  return { ws, db };
}

const tables = async (db: Database) => Promise.all(KEPT_TABLES.map(async (n) => fingerprint(await db.query(`SELECT * FROM ${n} ORDER BY ALL`))));

describe('signature tables kept between opens', () => {
  it('reads back the very tables it computed, and the PCA matrix from them is the same', async () => {
    const a = await open();
    const b = await open();
    try {
      const key = await signatureTablesKey(a.ws, DEFAULT_COMPOUND_DICTIONARY);
      expect(await signatureTables(a.db, host, ref.handle, key, undefined, undefined)).toBe('computed');
      await host['workspace:view-cache-save']({ handle: ref.handle, key, bytes: await signatureTablesBundle(a.db) });
      expect(await signatureTables(b.db, host, ref.handle, key, undefined, undefined)).toBe('kept');
      expect(await tables(b.db)).toEqual(await tables(a.db));
      const [ma, mb] = [await displayMatrix(a.db), await displayMatrix(b.db)];
      expect(mb.sampleIds).toEqual(ma.sampleIds);
      expect(mb.compounds).toEqual(ma.compounds);
      expect(Buffer.from(mb.values.buffer).equals(Buffer.from(ma.values.buffer))).toBe(true);
    } finally {
      await a.db.close();
      await b.db.close();
    }
  }, 120_000);

  it('has another key for every other input, and computes the tables again for a cut bundle', async () => {
    const { ws, db } = await open();
    try {
      const key = await signatureTablesKey(ws, DEFAULT_COMPOUND_DICTIONARY);
      const others = [
        await signatureTablesKey(ws, DEFAULT_COMPOUND_DICTIONARY, ['Impurity 01']),
        await signatureTablesKey(ws, DEFAULT_COMPOUND_DICTIONARY, undefined, 'zero'),
        await signatureTablesKey(ws, { ...DEFAULT_COMPOUND_DICTIONARY, compounds: DEFAULT_COMPOUND_DICTIONARY.compounds.slice(1) }),
      ];
      const more = generateProfiles({ sources: 2, seed: 32 });
      await addRows(ws, more.samples.map((s) => ({ ...s, sample_id: `N-${s.sample_id}` })), more.results.map((r) => ({ ...r, sample_id: `N-${r.sample_id}` })));
      others.push(await signatureTablesKey(ws, DEFAULT_COMPOUND_DICTIONARY));
      expect(new Set([key, ...others]).size).toBe(5);

      await buildSignatureTables(db);
      const bundle = await signatureTablesBundle(db);
      const cutKey = others[3];
      await host['workspace:view-cache-save']({ handle: ref.handle, key: cutKey, bytes: bundle.subarray(0, bundle.byteLength - 10) });
      expect(await signatureTables(db, host, ref.handle, cutKey, undefined, undefined)).toBe('computed');
    } finally {
      await db.close();
    }
  }, 120_000);

  it('is kept by the host as one file under a SHA-256 key, the one kept before removed', async () => {
    const engine = path.join(wsDir(), 'engine');
    const [k1, k2] = ['a'.repeat(64), 'b'.repeat(64)];
    await host['workspace:view-cache-save']({ handle: ref.handle, key: k1, bytes: new Uint8Array([1]) });
    await host['workspace:view-cache-save']({ handle: ref.handle, key: k2, bytes: new Uint8Array([2]) });
    expect(readdirSync(engine)).toEqual([`view-${k2}.tables`]);
    expect(await host['workspace:view-cache']({ handle: ref.handle, key: k1 })).toBeNull();
    expect(() => parseRequest('workspace:view-cache-save', { handle: ref.handle, key: '../workspace', bytes: new Uint8Array() })).toThrow();
    expect(existsSync(path.join(wsDir(), 'workspace.json'))).toBe(true);
  });
});
