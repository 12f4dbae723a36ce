/**
 * The check of every row behind the import preview: each file, with the analyst's current settings, read, mapped and
 * checked whole in the import worker (prepareImport, the same function the import runs; nothing is written), so that
 * bad values, the rows they would send to quarantine and every note of the import (a date order assumed, values
 * harmonised by the vocabularies) are shown before Import, and "Import valid rows only" needs no second pick of the
 * file. Checks run one at a time, newest settings last; a check whose file or settings changed is cancelled.
 */
import { useEffect, useState } from 'react';
import type { PreparedImport } from '../../shared/importing/import-file';
import type { ImportProblem } from '../../shared/importing/types';
import { importClient } from '../importing/import-client';
import type { OpenWorkspace } from '../state/workbench';
import { effectiveProfile, type FileSettings } from './import-preview-model';

/** What the check of one file found. */
export type FileCheck =
  | { state: 'checking' }
  | { state: 'failed'; message: string }
  /** Refused as a whole (unreadable, a required column missing, every row bad): nothing can be imported. */
  | { state: 'refused'; problems: ImportProblem[]; problemCount: number }
  | { state: 'duplicate'; sha256: string }
  | { state: 'checked'; rowsRead: number; badRows: number; problems: ImportProblem[]; problemCount: number; notes: string[] };

/** Problems kept for the preview; the rest are counted. */
const SHOWN = 50;

function summarise(p: PreparedImport): FileCheck {
  if (p.status === 'refused') return { state: 'refused', problems: p.problems.slice(0, SHOWN), problemCount: p.problemCount };
  if (p.status === 'duplicate') return { state: 'duplicate', sha256: p.sha256 };
  return { state: 'checked', rowsRead: p.rowsRead, badRows: p.quarantined, problems: p.problems.slice(0, SHOWN), problemCount: p.problemCount, notes: p.warnings };
}

/** Checks every file with its settings (debounced); one entry per file, in order. */
export function useImportCheck(session: OpenWorkspace, files: readonly { name: string; bytes: Uint8Array }[], settings: readonly FileSettings[]): FileCheck[] {
  const [checks, setChecks] = useState<Map<string, FileCheck>>(new Map());
  const keyOf = (i: number) => `${i}\u0000${files[i]?.name}\u0000${JSON.stringify(settings[i] ?? null)}`;
  const keys = files.map((_, i) => keyOf(i));
  const wanted = keys.join('\u0001');

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void (async () => {
        for (const [i, file] of files.entries()) {
          const key = keys[i];
          if (controller.signal.aborted) return;
          if (checks.has(key)) continue;
          setChecks((m) => new Map(m).set(key, { state: 'checking' }));
          const s = settings[i];
          try {
            const prepared = await importClient().prepare(
              // A copy: the worker takes the buffer, and the file still has to be imported.
              { name: file.name, bytes: file.bytes.slice() },
              {
                dictionary: session.dictionary,
                vocabularies: session.vocabularies,
                profile: s ? effectiveProfile(s) : null,
                acceptPartial: true,
                overrides: s?.overrides,
                sheet: s?.sheet,
                batchId: session.ws.nextBatchId(),
                known: session.ws.manifest.batches.map((b) => ({ sha256: b.file_sha256, sheet: b.sheet ?? null })),
              },
              { signal: controller.signal },
            );
            setChecks((m) => new Map(m).set(key, summarise(prepared)));
          } catch (e) {
            if ((e as Error).name === 'AbortError') {
              setChecks((m) => {
                const next = new Map(m);
                next.delete(key);
                return next;
              });
              return;
            }
            setChecks((m) => new Map(m).set(key, { state: 'failed', message: (e as Error).message }));
          }
        }
      })();
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `wanted` stands for the files and their settings; `checks` is read, not watched (it is what this effect fills).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, session]);

  return keys.map((k) => checks.get(k) ?? { state: 'checking' });
}
