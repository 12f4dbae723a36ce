import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineFormat, FormatError } from '../../../shared/workspace/define-format';

class PlanError extends Error {}

const PlanV3 = z.object({
  format: z.literal('test/plan'),
  schema_version: z.literal(3),
  name: z.string().min(1),
  steps: z.array(z.string()),
  owner: z.string().nullable(),
});

const plan = defineFormat({
  format: 'test/plan',
  version: 3,
  // 1 → 2: `title` became `name`; 2 → 3: an owner, unknown for older plans.
  migrations: { 1: ({ title, ...rest }) => ({ ...rest, name: title }), 2: (old) => ({ ...old, owner: null }) },
  schema: PlanV3,
  defaults: { steps: [], owner: null },
  what: 'a plan',
  error: PlanError,
});

describe('defineFormat', () => {
  it('reads the current version as it is, and migrates older ones one step at a time', () => {
    expect(plan.read({ format: 'test/plan', schema_version: 3, name: 'a', steps: ['x'], owner: 'ana' })).toEqual({ format: 'test/plan', schema_version: 3, name: 'a', steps: ['x'], owner: 'ana' });
    expect(plan.read({ format: 'test/plan', schema_version: 1, title: 'old', steps: [] })).toEqual({ format: 'test/plan', schema_version: 3, name: 'old', steps: [], owner: null });
  });

  it('refuses a newer version with a message to update, another format, no version, and an invalid field, naming where', () => {
    expect(() => plan.read({ format: 'test/plan', schema_version: 4 }, 'plans/p.json')).toThrow('plans/p.json: written by a newer Signature Workbench (schema 4; this one reads up to 3). Update the workbench to read it.');
    expect(() => plan.read({ format: 'other', schema_version: 3 }, 'p.json')).toThrow('p.json: not a plan (format is "other")');
    expect(() => plan.read({ format: 'test/plan' }, 'p.json')).toThrow('p.json: schema_version is missing or not a positive integer');
    expect(() => plan.read([], 'p.json')).toThrow('p.json: not a JSON object');
    expect(() => plan.read({ format: 'test/plan', schema_version: 3, name: 'a', steps: [1], owner: null }, 'p.json')).toThrow(/^p\.json: steps\.0: /);
    expect(() => plan.read(null)).toThrow(PlanError);
  });

  it('creates a new document from its defaults, validated', () => {
    expect(plan.create({ name: 'n' })).toEqual({ format: 'test/plan', schema_version: 3, name: 'n', steps: [], owner: null });
    const a = plan.create({ name: 'a' });
    a.steps.push('changed');
    expect(plan.create({ name: 'b' }).steps).toEqual([]);
    expect(() => plan.create({ name: '' })).toThrow(PlanError);
  });

  it('without an error class of its own, throws FormatError', () => {
    const f = defineFormat({ format: 'test/x', version: 1, migrations: {}, schema: z.object({ format: z.literal('test/x'), schema_version: z.literal(1) }), defaults: {} });
    expect(() => f.read({ format: 'test/x', schema_version: 2 })).toThrow(FormatError);
  });
});
