import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { NodeFileStore } from '../../../node/files/node-file-store';
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
  it('ships internal, law-enforcement, external-partner and intelligence-exchange, valid under their own schema', () => {
    expect(readRedactionProfiles(DEFAULT_REDACTION_PROFILES).profiles.map((p) => p.name)).toEqual(['internal', 'law-enforcement', 'external-partner', 'intelligence-exchange']);
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
    expect(file).toMatchObject({ format: REDACTION_FORMAT, schema_version: 2, version: 'V0001' });
    expect((await reopened.readAudit()).entries.at(-1)).toMatchObject({ action: 'redaction.save', details: { document: 'redaction-profiles', version: 'V0001' } });
  });

  it('every saved set is a new version, the earlier ones kept byte for byte; saving the same set again writes nothing', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const ws = await Workspace.create(new NodeFileStore(t.dir), 'W', ACTOR);
    const config = (f: string) => readFileSync(path.join(t.dir, 'config', f), 'utf8');
    const v1 = await saveRedactionProfiles(ws, DEFAULT_REDACTION_PROFILES.profiles);
    expect(v1.version).toBe('V0001');
    const first = config('redaction-profiles-V0001.json');
    const narrower = DEFAULT_REDACTION_PROFILES.profiles.map((p) => (p.name === 'law-enforcement' ? { ...p, allow: p.allow.filter((c) => c !== 'agency') } : p));
    expect((await saveRedactionProfiles(ws, narrower)).version).toBe('V0002');
    expect(config('redaction-profiles-V0001.json')).toBe(first);
    expect(config('redaction-profiles.json')).toBe(config('redaction-profiles-V0002.json'));
    expect(allows(findProfile(await loadRedactionProfiles(ws), 'law-enforcement'), 'agency')).toBe(false);
    const lines = (await ws.readAudit()).entries.length;
    expect((await saveRedactionProfiles(ws, narrower)).version).toBe('V0002');
    expect((await ws.readAudit()).entries).toHaveLength(lines);
  });

  it('a set of the earlier layout (schema 1, edited in place) is read, and kept byte for byte as V0001 when the next set is saved', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const ws = await Workspace.create(new NodeFileStore(t.dir), 'W', ACTOR);
    const mine: RedactionProfile = { name: 'partner-lab', description: 'Only areas', allow: ['sample_id', '@compounds'], manifest_detail: 'minimal' };
    await ws.putDocument('redaction-profiles', { format: REDACTION_FORMAT, schema_version: 1, profiles: [mine] }, 'redaction.save');
    const before = readFileSync(path.join(t.dir, 'config', 'redaction-profiles.json'), 'utf8');
    expect(await loadRedactionProfiles(ws)).toEqual({ format: REDACTION_FORMAT, schema_version: 2, version: null, profiles: [mine] });
    expect((await saveRedactionProfiles(ws, [mine, profile('internal')])).version).toBe('V0002');
    expect(readFileSync(path.join(t.dir, 'config', 'redaction-profiles-V0001.json'), 'utf8')).toBe(before);
    expect((await loadRedactionProfiles(ws)).profiles.map((p) => p.name)).toEqual(['partner-lab', 'internal']);
  });

  it('refuses duplicate names, bad patterns, a full manifest for a profile without case_id, and newer schema versions', () => {
    const base = { format: REDACTION_FORMAT, schema_version: 2, version: null };
    const p = (over: Partial<RedactionProfile>) => ({ name: 'p', description: '', allow: ['sample_id', 'case_id'], manifest_detail: 'full', ...over });
    expect(() => readRedactionProfiles({ ...base, profiles: [p({}), p({})] })).toThrow(/profile names must be unique/);
    expect(() => readRedactionProfiles({ ...base, profiles: [p({ allow: ['case id'] })] })).toThrow(/a column name, a prefix ending in \*/);
    expect(() => readRedactionProfiles({ ...base, profiles: [p({ allow: ['sample_id'] })] })).toThrow(/needs manifest_detail 'minimal'/);
    expect(() => readRedactionProfiles({ ...base, schema_version: 3, profiles: [] })).toThrow(/newer Signature Workbench \(schema 3/);
    expect(() => readRedactionProfiles({ ...base, version: 'latest', profiles: [p({})] })).toThrow(/version/);
    expect(() => readRedactionProfiles({ format: 'other', schema_version: 1 })).toThrow(/not a redaction profile set/);
    expect(() => findProfile(DEFAULT_REDACTION_PROFILES, 'press')).toThrow(/no redaction profile "press" \(profiles: internal, law-enforcement, external-partner, intelligence-exchange\)/);
  });
});
