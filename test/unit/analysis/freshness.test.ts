import { describe, expect, it } from 'vitest';
import { freshness, staleSentence } from '../../../shared/analysis/freshness';
import type { Manifest } from '../../../shared/workspace/manifest';

const sha = (c: string) => c.repeat(64);
const batch = (id: string, data: string, supersedes: string | null = null) => ({ id, kind: 'results', data_sha256: sha(data), supersedes }) as unknown as Manifest['batches'][number];
const stamp = { id: 'R0001', created_at: '2026-11-25T10:00:00.000Z', inputs: { batches: [{ id: 'B0001', kind: 'results' as const, data_sha256: sha('a') }, { id: 'B0002', kind: 'results' as const, data_sha256: sha('b') }] } };
const doc = (updated_at: string) => ({ file: 'config/x.json', sha256: sha('f'), updated_at });

describe('freshness of an analysis', () => {
  it('is current when it read every live batch as it is and nothing it rests on changed after it', () => {
    const f = freshness({ batches: [batch('B0001', 'a'), batch('B0002', 'b')], documents: { 'compound-dictionary-V0001': doc('2026-11-24T09:00:00.000Z') } }, stamp);
    expect(f).toMatchObject({ current: true, reasons: [] });
    expect(staleSentence('Class run', stamp, f)).toBeNull();
  });

  it('names the batches imported after it, the ones superseded since, and a dictionary or vocabulary changed after it', () => {
    const f = freshness(
      {
        batches: [batch('B0001', 'a'), batch('B0002', 'b'), batch('B0003', 'c', 'B0002'), batch('B0004', 'd')],
        documents: { 'compound-dictionary-V0001': doc('2026-11-24T09:00:00.000Z'), 'compound-dictionary-V0002': doc('2026-11-26T09:00:00.000Z'), 'vocabularies-V0001': doc('2026-11-27T09:00:00.000Z') },
      },
      stamp,
    );
    expect(f.current).toBe(false);
    expect(f.newBatches).toEqual(['B0003', 'B0004']);
    expect(f.replacedBatches).toEqual(['B0002']);
    expect(f.changedDocuments.map((d) => d.name)).toEqual(['compound-dictionary', 'vocabularies']);
    expect(staleSentence('Class run', stamp, f)).toBe(
      'Class run R0001 is out of date: batches B0003 and B0004 were imported after it; batch B0002 was superseded since; the compound dictionary changed on 2026-11-26; the controlled vocabularies changed on 2026-11-27.',
    );
  });
});
