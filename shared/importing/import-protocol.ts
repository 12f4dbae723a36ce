/**
 * The messages between the renderer and the import worker (renderer/importing), with zod schemas checked on both
 * sides. The worker runs the prepare phase of an import (prepareImport in import-file.ts): the file's bytes go in
 * transferred, the batch and quarantine Arrow IPC bytes come back transferred. The commit stays on the renderer.
 */
import { z } from 'zod';
import { CompoundDictionary } from '../domain/compound-dictionary';
import { Vocabularies } from '../domain/vocabulary';
import { ImportProfile } from './import-profile';
import type { PreparedImport } from './import-file';
import type { ImportProblem, ImportProgress, ReadOptionsOverride } from './types';

// z.custom keeps the default ArrayBufferLike typing (z.instanceof narrows to ArrayBuffer-backed arrays).
const u8 = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected a Uint8Array' });
const int = z.number().int();
const count = int.nonnegative();

const ReadOptionsOverrideSchema: z.ZodType<ReadOptionsOverride> = z
  .object({
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']),
    delimiter: z.string(),
    quote: z.string(),
    headerRow: count,
    decimal: z.enum(['.', ',']),
    thousands: z.enum(['', ',', '.', ' ', "'"]),
    dateOrder: z.enum(['DMY', 'MDY', 'YMD']).nullable(),
  })
  .partial();

const ImportProblemSchema: z.ZodType<ImportProblem> = z.object({
  file: z.string(),
  line: int.nullable(),
  column: int.nullable(),
  columnName: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});

export const ImportProgressSchema: z.ZodType<ImportProgress> = z.object({
  stage: z.enum(['reading', 'parsing', 'checking', 'writing', 'loading']),
  fraction: z.number().min(0).max(1),
});

/** What the worker needs besides the file: PrepareOptions without the signal and the progress callback. */
export const PrepareRequest = z.object({
  dictionary: CompoundDictionary,
  vocabularies: Vocabularies.optional(),
  profile: ImportProfile.nullable(),
  acceptPartial: z.boolean(),
  overrides: ReadOptionsOverrideSchema.optional(),
  sheet: z.string().optional(),
  problemCap: count.optional(),
  batchId: z.string().min(1),
  known: z.array(z.object({ sha256: z.string(), sheet: z.string().nullable() })),
});
export type PrepareRequest = z.infer<typeof PrepareRequest>;

export const PreparedImportSchema: z.ZodType<PreparedImport> = z.discriminatedUnion('status', [
  z.object({ status: z.literal('refused'), problems: z.array(ImportProblemSchema), problemCount: count }),
  z.object({ status: z.literal('duplicate'), fileName: z.string(), sha256: z.string(), sheet: z.string().nullable() }),
  z.object({
    status: z.literal('prepared'),
    batchId: z.string(),
    kind: z.enum(['results-long', 'results-wide', 'samples']),
    format: z.string(),
    sheet: z.string().nullable(),
    sha256: z.string(),
    fileName: z.string(),
    fileSize: count,
    rowsRead: count,
    quarantined: count,
    data: u8,
    quarantine: u8.nullable(),
    sampleIds: z.array(z.string()),
    compounds: z.array(z.string()),
    unassignedCompounds: z.array(z.string()),
    warnings: z.array(z.string()),
    problems: z.array(ImportProblemSchema),
    problemCount: count,
  }),
]);

/** Renderer → worker. */
export const ToImport = z.object({ type: z.literal('prepare'), id: int, file: z.object({ name: z.string(), bytes: u8 }), request: PrepareRequest });
export type ToImport = z.infer<typeof ToImport>;

/** Worker → renderer. */
export const FromImport = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), id: int, progress: ImportProgressSchema }),
  z.object({ type: z.literal('result'), id: int, prepared: PreparedImportSchema }),
  z.object({ type: z.literal('error'), id: int, error: z.object({ name: z.string(), message: z.string() }) }),
]);
export type FromImport = z.infer<typeof FromImport>;

/** The buffers to transfer with a prepared import (its batch and quarantine bytes). */
export function preparedTransferables(prepared: PreparedImport): ArrayBuffer[] {
  if (prepared.status !== 'prepared') return [];
  const out = new Set<ArrayBuffer>();
  for (const a of [prepared.data, prepared.quarantine]) if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  return [...out];
}
