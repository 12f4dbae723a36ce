import { describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT, MANIFEST_VERSION, newManifest, readManifest } from '../../../shared/workspace/manifest';

const fresh = () => newManifest({ id: 'w1', name: 'Fentanyl 2026', createdBy: 'ana', appVersion: '0.1.0', now: new Date('2026-11-25T00:00:00Z') });

describe('workspace manifest', () => {
  it('reads back what it writes', () => {
    const m = fresh();
    expect(readManifest(JSON.parse(JSON.stringify(m)))).toEqual(m);
    expect(m.schema_version).toBe(MANIFEST_VERSION);
  });

  it('refuses a manifest from a newer workbench and says to update', () => {
    expect(() => readManifest({ ...fresh(), schema_version: MANIFEST_VERSION + 1 })).toThrow(/newer Signature Workbench.*Update/);
  });

  it('refuses what is not a workspace manifest', () => {
    expect(() => readManifest({ format: 'something-else', schema_version: 1 })).toThrow(/not a Signature Workbench workspace manifest/);
    expect(() => readManifest([1, 2])).toThrow(/not a JSON object/);
    expect(() => readManifest({ format: MANIFEST_FORMAT, schema_version: 0 })).toThrow(/schema_version is missing or not a positive integer/);
  });

  it('migrates a version-1 manifest to generation 0 (its next commit makes it 1)', () => {
    const { generation: _g, ...v1 } = { ...fresh(), schema_version: 1 };
    const m = readManifest(JSON.parse(JSON.stringify(v1)));
    expect(m).toMatchObject({ schema_version: 2, generation: 0, name: 'Fentanyl 2026' });
  });

  it('starts a new workspace at generation 0 with no batches or documents', () => {
    expect(fresh()).toMatchObject({ format: MANIFEST_FORMAT, generation: 0, batches: [], documents: {} });
  });

  it('names the field that is wrong', () => {
    const bad = { ...fresh(), batches: [{ id: 'nope' }] };
    expect(() => readManifest(bad, 'ws/workspace.json')).toThrow(/ws\/workspace.json: batches.0.id/);
  });
});
