/**
 * The signature tables the views draw from (ui_compounds, ui_profile, ui_signatures: ui-tables.ts) kept between opens,
 * so that reopening a large workspace does not compute them again (13 s of duckdb-wasm at 2.1 M measurements).
 * Computed by the app's own engine and kept as Arrow (a table bundle, shared/db/table-bundle.ts) through the host
 * (`workspace:view-cache`, engine/view-<key>.tables); read back only by the app, never by the CLI or a report.
 * The key is the SHA-256 of everything they are computed from: the statements themselves, the batches (id, SHA-256,
 * what each supersedes), the compound dictionary, the class run's compounds and the non-detect rule. Any change gives
 * another key, so a kept bundle is used only for exactly the inputs it was computed from; one that cannot be read is
 * ignored and the tables computed again.
 */
import { tableToIPC } from 'apache-arrow';
import type { Database } from '../../shared/db/Database';
import { sqlIdent } from '../../shared/db/Database';
import { decodeTableBundle, encodeTableBundle } from '../../shared/db/table-bundle';
import type { CompoundDictionary } from '../../shared/domain/compound-dictionary';
import type { Host } from '../../shared/host/contract';
import { DEFAULT_NON_DETECT_RULE, type NonDetectRule } from '../../shared/profiling/non-detects';
import { sha256Hex } from '../../shared/util/sha256';
import { utf8 } from '../../shared/util/text';
import type { Workspace } from '../../shared/workspace/Workspace';
import { markOpen } from '../state/open-marks';
import { buildSignatureTables, signatureTablesSql } from './ui-tables';

const FORMAT = 'signature-workbench/view-tables';
/** Bumped when what the kept tables mean changes in a way their statements do not show. */
const VERSION = 1;
export const KEPT_TABLES = ['ui_compounds', 'ui_profile', 'ui_signatures'] as const;

/** The key of the signature tables for these inputs. */
export async function signatureTablesKey(ws: Workspace, dictionary: CompoundDictionary, compounds?: readonly string[], nonDetects: NonDetectRule = DEFAULT_NON_DETECT_RULE): Promise<string> {
  const inputs = {
    format: FORMAT,
    version: VERSION,
    statements: signatureTablesSql(compounds, nonDetects),
    batches: ws.manifest.batches.map((b) => [b.id, b.kind, b.data_sha256, b.quarantine_file, b.supersedes]),
    dictionary,
    compounds: compounds ?? null,
    nonDetects,
  };
  return sha256Hex(utf8(JSON.stringify(inputs)));
}

/**
 * Builds the signature tables, or reads them from the bundle kept under their key; says which. A bundle computed now
 * is handed to `keep` (the caller saves it when the views are drawn, off the way of the open).
 */
export async function signatureTables(
  db: Database,
  host: Pick<Host, 'workspace:view-cache'>,
  handle: string,
  key: string,
  compounds: readonly string[] | undefined,
  nonDetects: NonDetectRule | undefined,
): Promise<'kept' | 'computed'> {
  markOpen('signature-tables-asked');
  const bytes = await host['workspace:view-cache']({ handle, key }).catch(() => null);
  markOpen('signature-tables-received');
  if (bytes !== null) {
    try {
      const tables = decodeTableBundle(bytes);
      if (KEPT_TABLES.every((t) => tables.has(t))) {
        for (const t of KEPT_TABLES) {
          await db.query(`DROP TABLE IF EXISTS ${sqlIdent(t)}`);
          // A copy of its own: the worker's insert takes the buffer it is given (a view would hand it the whole bundle).
          await db.insertArrowIPC(t, tables.get(t)!.slice(), 'create');
        }
        markOpen('signature-tables-inserted');
        return 'kept';
      }
    } catch {
      // Cut or foreign: computed again below (its tables replaced whole: CREATE OR REPLACE).
    }
  }
  await buildSignatureTables(db, compounds, nonDetects);
  markOpen('signature-tables-computed');
  return 'computed';
}

/** The signature tables as a bundle to keep. O(rows). */
export async function signatureTablesBundle(db: Database): Promise<Uint8Array> {
  const tables = new Map<string, Uint8Array>();
  for (const t of KEPT_TABLES) tables.set(t, tableToIPC(await db.query(`SELECT * FROM ${sqlIdent(t)}`)));
  return encodeTableBundle(tables);
}
