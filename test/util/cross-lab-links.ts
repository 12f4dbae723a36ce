/**
 * The link records (config/links-Bnnnn.json) of the cross-lab tests (test/util/two-labs.ts): a lab that received or
 * pulled another lab's profiles links its later batch to them, and each of those links is checked against the link
 * of the same two samples in a lab that holds both itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { WITHOUT_FLAGS_NOTE } from '../../shared/linking/link-evidence';

export interface Link {
  sample_id: string;
  lab?: string | null;
  distance: number;
  lr?: number | null;
  log10_lr: number | null;
  verbal: string;
}
export interface LinksRecord {
  method: { external_sources: { id: string; pair_comparison?: string; links?: number; how?: string }[] };
  samples: { sample_id: string; links: Link[]; external_links: Link[] }[];
}

/** The workspace's latest link record. */
export function latestLinks(dir: string): LinksRecord {
  const name = readdirSync(path.join(dir, 'config')).filter((f) => /^links-B\d+\.json$/.test(f)).sort().at(-1)!;
  return JSON.parse(readFileSync(path.join(dir, 'config', name), 'utf8'));
}

/** A record's links (local or external) by sample, then by the sample linked to. */
export function linksByPair(record: LinksRecord, which: 'links' | 'external_links'): Map<string, Map<string, Link>> {
  return new Map(record.samples.map((s) => [s.sample_id, new Map(s[which].map((l) => [l.sample_id, l]))]));
}

/**
 * Expects every link to another lab's profile in `received` to be compared with its detection flags (no
 * WITHOUT_FLAGS_NOTE), and to have the distance, LR and words of the same pair's link in `local`, where both samples
 * are the lab's own. Returns how many links were compared.
 */
export function expectLinksAsHeldLocally(received: LinksRecord, local: LinksRecord): number {
  const localLinks = linksByPair(local, 'links');
  let compared = 0;
  for (const s of received.samples) {
    for (const l of s.external_links) {
      expect(l.verbal).not.toContain(WITHOUT_FLAGS_NOTE.trim());
      const same = localLinks.get(s.sample_id)?.get(l.sample_id);
      if (!same) continue;
      compared++;
      expect(l.distance).toBeCloseTo(same.distance, 12);
      expect(l.log10_lr!).toBeCloseTo(same.log10_lr!, 9);
      expect(l.verbal).toBe(same.verbal);
    }
  }
  return compared;
}
