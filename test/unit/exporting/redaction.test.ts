import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { NodeFileStore } from '../../../electron/services/node-file-store';
import { Workspace } from '../../../shared/workspace/Workspace';
import {
  allows, applyRedaction, DEFAULT_REDACTION_PROFILES, findProfile, loadRedactionProfiles, readRedactionProfiles,
  REDACTION_FORMAT, saveRedactionProfiles, type RedactionProfile,
} from '../../../shared/exporting/redaction';
import { SAMPLE_COLUMNS } from '../../../shared/workspace/batch-columns';
import { tempDir } from '../../util/temp-dir';
import { ACTOR } from './fixture';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const profile = (name: string) => findProfile(DEFAULT_REDACTION_PROFILES, name);
const tableOf = (names: string[]) => new Table(Object.fromEntries(names.map((n) => [n, vectorFromArray(['v'], new Utf8())])));

describe('redaction profiles', () => {
  it('ships internal, law-enforcement and external-partner, valid under their own schema', () => {
    expect(readRedactionProfiles(DEFAULT_REDACTION_PROFILES).profiles.map((p) => p.name)).toEqual(['internal', 'law-enforcement', 'external-partner']);
  });

  it('external-partner drops case, seizure, place, agency and every x_ column from the samples columns', () => {
    const names = [...SAMPLE_COLUMNS.map((c) => c.name), 'x_notes', 'x_officer'];
    const { table, removed } = applyRedaction(tableOf(names), profile('external-partner'));
    expect(removed).toEqual(['batch_id', 'line', 'seizure_id', 'case_id', 'city', 'lat', 'lon', 'agency', 'x_notes', 'x_officer']);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['sample_id', 'seized_on', 'region', 'form', 'mass_g', 'main_drug', 'purity_pct']);
  });

  it('law-enforcement keeps case and seizure data but not lab bookkeeping or x_ columns', () => {
    const { removed } = applyRedaction(tableOf(['sample_id', 'case_id', 'agency', 'metadata_batch', 'compound_raw', 'rt_min', 'x_notes']), profile('law-enforcement'));
    expect(removed).toEqual(['metadata_batch', 'compound_raw', 'rt_min', 'x_notes']);
  });

  it('is an allow-list: a column nobody has decided about yet stays in the lab', () => {
    const { removed } = applyRedaction(tableOf(['sample_id', 'brand_new_column']), profile('law-enforcement'));
    expect(removed).toEqual(['brand_new_column']);
    expect(applyRedaction(tableOf(['sample_id', 'brand_new_column']), profile('internal')).removed).toEqual([]);
  });

  it('matches prefixes, and @compounds only matches compound columns (a compound named case_id does not pass as case_id)', () => {
    const p = { allow: ['x_keep*', '@compounds'] };
    expect([allows(p, 'x_keep_me'), allows(p, 'x_other'), allows(p, 'case_id', true), allows(p, 'case_id')]).toEqual([true, false, true, false]);
    expect(allows({ allow: ['case_id'] }, 'case_id', true)).toBe(false);
  });

  it('is saved in the workspace (audited) and read back; until then the defaults apply', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const ws = await Workspace.create(new NodeFileStore(t.dir), 'W', ACTOR);
    expect(await loadRedactionProfiles(ws)).toBe(DEFAULT_REDACTION_PROFILES);
    const mine: RedactionProfile = { name: 'partner-lab', description: 'Only areas', allow: ['sample_id', '@compounds'], manifest_detail: 'minimal' };
    await saveRedactionProfiles(ws, [...DEFAULT_REDACTION_PROFILES.profiles, mine]);
    const reopened = await Workspace.open(new NodeFileStore(t.dir), ACTOR);
    expect(findProfile(await loadRedactionProfiles(reopened), 'partner-lab')).toEqual(mine);
    const file = JSON.parse(readFileSync(path.join(t.dir, 'config', 'redaction-profiles.json'), 'utf8'));
    expect(file).toMatchObject({ format: REDACTION_FORMAT, schema_version: 1 });
    expect((await reopened.readAudit()).entries.at(-1)).toMatchObject({ action: 'redaction.save' });
  });

  it('refuses duplicate names, bad patterns, a full manifest for a profile without case_id, and newer schema versions', () => {
    const base = { format: REDACTION_FORMAT, schema_version: 1 };
    const p = (over: Partial<RedactionProfile>) => ({ name: 'p', description: '', allow: ['sample_id', 'case_id'], manifest_detail: 'full', ...over });
    expect(() => readRedactionProfiles({ ...base, profiles: [p({}), p({})] })).toThrow(/profile names must be unique/);
    expect(() => readRedactionProfiles({ ...base, profiles: [p({ allow: ['case id'] })] })).toThrow(/a column name, a prefix ending in \*/);
    expect(() => readRedactionProfiles({ ...base, profiles: [p({ allow: ['sample_id'] })] })).toThrow(/needs manifest_detail 'minimal'/);
    expect(() => readRedactionProfiles({ ...base, schema_version: 2, profiles: [] })).toThrow(/newer Signature Workbench \(schema 2/);
    expect(() => readRedactionProfiles({ format: 'other', schema_version: 1 })).toThrow(/not a redaction profile set/);
    expect(() => findProfile(DEFAULT_REDACTION_PROFILES, 'press')).toThrow(/no redaction profile "press" \(profiles: internal, law-enforcement, external-partner\)/);
  });
});
