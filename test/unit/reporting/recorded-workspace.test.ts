import { describe, expect, it } from 'vitest';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { recordedStore, ReadOnlyStoreError } from '../../../shared/reporting/recorded-workspace';
import { Workspace } from '../../../shared/workspace/Workspace';
import { tempDir } from '../../util/temp-dir';
import { createFixtureWorkspace } from '../exporting/fixture';

describe('a workspace as a report recorded it', () => {
  it('lists only the recorded batches and documents, reads their files (a replaced one from the file named), and refuses every write', async () => {
    const t = tempDir();
    try {
      await createFixtureWorkspace(t.dir);
      const real = await Workspace.open(new NodeFileStore(t.dir), { user: 'x', appVersion: '0' });
      await real.putDocument('later', { a: 1 }, 'test');
      const first = real.manifest.batches[0];
      const store = recordedStore(new NodeFileStore(t.dir), { batches: [first.id], documents: [] });
      const ws = await Workspace.open(store, { user: 'x', appVersion: '0' });
      expect(ws.manifest.batches.map((b) => b.id)).toEqual([first.id]);
      expect(ws.manifest.documents).toEqual({});
      expect(await ws.getDocument('later')).toBeNull();
      expect((await ws.readBatchData(first)).byteLength).toBeGreaterThan(0);
      await expect(ws.audit('x', 'y', [])).rejects.toThrow(ReadOnlyStoreError);
      await expect(ws.putDocument('other', {}, 'x')).rejects.toThrow(/checking a report writes nothing/);

      // A document the report read before it was kept as versions is shown as the version now holding its bytes.
      await real.putDocument('kept', { a: 2 }, 'test');
      const kept = real.manifest.documents.kept;
      await real.putDocument('now', { a: 3 }, 'test');
      const now = real.manifest.documents.now;
      const shown = await Workspace.open(recordedStore(new NodeFileStore(t.dir), { batches: [], documents: ['now'], replaced: { now: { file: kept.file, sha256: kept.sha256 } } }), { user: 'x', appVersion: '0' });
      expect(Object.keys(shown.manifest.documents)).toEqual(['now']);
      expect(shown.manifest.documents.now).toEqual({ ...now, file: kept.file, sha256: kept.sha256 });
      expect(await shown.getDocument('now')).toEqual({ a: 2 });
    } finally {
      t.cleanup();
    }
  });
});
