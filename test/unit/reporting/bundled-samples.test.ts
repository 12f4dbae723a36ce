import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openNodeDatabase } from '../../../node/db/node-database';
import { BUNDLED_SAMPLE_FILES, bundledBatches, dataOrigins } from '../../../shared/reporting/bundled-samples';
import { syntheticStatement } from '../../../shared/reporting/class-summary-text';

const SAMPLES = path.resolve(import.meta.dirname, '..', '..', '..', 'samples');

describe('bundled sample files', () => {
  it('are known by the SHA-256 of every file samples/manifest.json lists', () => {
    const files = (JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')) as { files: { file: string }[] }).files.map((f) => f.file);
    const hashes = Object.fromEntries(files.map((f) => [createHash('sha256').update(readFileSync(path.join(SAMPLES, f))).digest('hex'), f]));
    expect(BUNDLED_SAMPLE_FILES).toEqual(hashes);
    expect(bundledBatches([{ id: 'B0001', file_sha256: Object.keys(hashes)[0] }, { id: 'B0002', file_sha256: '0'.repeat(64) }])).toEqual(['B0001']);
  });
});

describe('the synthetic-data statement', () => {
  const shipped = Object.keys(BUNDLED_SAMPLE_FILES);
  const batches = [
    { id: 'B0001', file_sha256: shipped[0] },
    { id: 'B0002', file_sha256: shipped[2] },
    { id: 'B0003', file_sha256: 'a'.repeat(64) },
  ];

  it('names the batches a report read: shipped ones apart from the lab\'s own', async () => {
    const db = await openNodeDatabase();
    try {
      await db.query(`CREATE TABLE samples AS SELECT * FROM (VALUES ('S1', 'B0001', 'B0002'), ('S2', NULL, 'B0002'), ('S3', NULL, 'B0003')) t(sample_id, metadata_batch, results_batch)`);
      expect(await dataOrigins(db, ['S1', 'S2'], batches)).toEqual({ bundled: ['B0001', 'B0002'], own: [] });
      expect(await dataOrigins(db, ['S2', 'S3'], batches)).toEqual({ bundled: ['B0002'], own: ['B0003'] });
      expect(await dataOrigins(db, ['S3'], batches)).toEqual({ bundled: [], own: ['B0003'] });
    } finally {
      await db.close();
    }
  });

  it('says nothing of synthetic data for the lab\'s own batches, all of it for the shipped ones, and which is which when mixed', () => {
    expect(syntheticStatement({ bundled: [], own: ['B0003'] })).toBeNull();
    expect(syntheticStatement({ bundled: ['B0001', 'B0002'], own: [] })).toMatch(/^The data come from the synthetic sample files .* \(batches B0001 and B0002\): nothing in this report describes real seizures\.$/);
    const mixed = syntheticStatement({ bundled: ['B0002'], own: ['B0003'] });
    expect(mixed).toContain('(batch B0002): those describe no real seizure');
    expect(mixed).toContain("the lab's own batch B0003");
    expect(mixed).not.toContain('nothing in this report describes real seizures');
  });
});
