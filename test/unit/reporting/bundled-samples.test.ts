import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_SAMPLE_FILES, bundledBatches } from '../../../shared/reporting/bundled-samples';

const SAMPLES = path.resolve(import.meta.dirname, '..', '..', '..', 'samples');

describe('bundled sample files', () => {
  it('are known by the SHA-256 of every file samples/manifest.json lists', () => {
    const files = (JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')) as { files: { file: string }[] }).files.map((f) => f.file);
    const hashes = Object.fromEntries(files.map((f) => [createHash('sha256').update(readFileSync(path.join(SAMPLES, f))).digest('hex'), f]));
    expect(BUNDLED_SAMPLE_FILES).toEqual(hashes);
    expect(bundledBatches([{ id: 'B0001', file_sha256: Object.keys(hashes)[0] }, { id: 'B0002', file_sha256: '0'.repeat(64) }])).toEqual(['B0001']);
  });
});
