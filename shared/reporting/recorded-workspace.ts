/**
 * A workspace as a report recorded it: a read-only view of its store whose manifest lists only the batches and
 * documents the report's manifest names. Batches and analysis records are never overwritten, so hiding what was
 * added later (new batches, calibrations, class runs, later versions of the reference samples or redaction
 * profiles) brings back the state the report was computed from; anything the report named that has since changed is
 * caught by its SHA-256 first (verify-report.ts). A document the report read before it was kept as versions is
 * shown as the version that now holds its bytes (`replaced`). Writes are refused: checking a report changes
 * nothing, and can run on a read-only copy.
 */
import type { FileStore } from '../workspace/file-store';
import { layout } from '../workspace/paths';
import { fromUtf8, utf8 } from '../util/text';

export class ReadOnlyStoreError extends Error {
  override name = 'ReadOnlyStoreError';
}

/** The store with its manifest cut down to the named batches and documents (`replaced`: read from another file); every write refused. */
export function recordedStore(
  store: FileStore,
  recorded: { batches: readonly string[]; documents: readonly string[]; replaced?: Readonly<Record<string, { file: string; sha256: string }>> },
): FileStore {
  const batches = new Set(recorded.batches);
  const documents = new Set(recorded.documents);
  const replaced = recorded.replaced ?? {};
  return {
    location: store.location,
    async read(path) {
      const bytes = await store.read(path);
      if (path !== layout.manifest || bytes === null) return bytes;
      const manifest = JSON.parse(fromUtf8(bytes)) as { batches?: { id: string }[]; documents?: Record<string, unknown> };
      const kept = {
        ...manifest,
        batches: (manifest.batches ?? []).filter((b) => batches.has(b.id)),
        documents: Object.fromEntries(
          Object.entries(manifest.documents ?? {})
            .filter(([name]) => documents.has(name))
            .map(([name, d]) => [name, Object.hasOwn(replaced, name) ? { ...(d as object), ...replaced[name] } : d]),
        ),
      };
      return utf8(JSON.stringify(kept));
    },
    async writeAtomic(path) {
      throw new ReadOnlyStoreError(`checking a report writes nothing (refused: ${path})`);
    },
    async append(path) {
      throw new ReadOnlyStoreError(`checking a report writes nothing (refused: ${path})`);
    },
    list: (dir) => store.list(dir),
    entries: (dir) => store.entries(dir),
    async remove(path) {
      throw new ReadOnlyStoreError(`checking a report writes nothing (refused: removing ${path})`);
    },
    async move(from) {
      throw new ReadOnlyStoreError(`checking a report writes nothing (refused: moving ${from})`);
    },
    async lock() {
      throw new ReadOnlyStoreError('checking a report writes nothing (refused: the workspace lock)');
    },
    lockHolder: () => store.lockHolder(),
  };
}
