/**
 * Files the analyst saves out of the workbench (a report and its manifest, an export, a package, a figure) written
 * through the host's save dialog INSIDE the commit of their audit line, as the CLI writes its outputs: after the
 * intent names them, before the line (shared/workspace/commit.ts). A crash in between is recovered as a cut write
 * naming the files, never a file that left the workbench unaudited. The line names where the dialog put each file.
 */
import type { FileFilter, Host } from '../../shared/host/contract';
import { OutsideWriteCancelled, type OutsideFile } from '../../shared/workspace/commit';

export interface DialogFile {
  suggestedName: string;
  filters: FileFilter[];
  bytes: Uint8Array;
  sha256: string;
}

/**
 * The `write` of a commit that saves `files` through the dialog, one after another, and where each went (null: not
 * saved) once it ran. Declining the first throws OutsideWriteCancelled before anything is written: no line, no intent.
 * Declining a later one (a manifest beside its report) is recorded as "<name> (not saved)": the first already left.
 */
export function saveThroughDialogs(host: Host, files: readonly DialogFile[]): { write: () => Promise<OutsideFile[]>; locations: () => (string | null)[] } {
  const where: (string | null)[] = files.map(() => null);
  const write = async () => {
    const out: OutsideFile[] = [];
    for (const [i, f] of files.entries()) {
      const saved = await host['dialog:save-file']({ suggestedName: f.suggestedName, filters: f.filters, bytes: f.bytes });
      if (!saved.saved && i === 0) throw new OutsideWriteCancelled(`the save dialog for ${f.suggestedName} was cancelled`);
      where[i] = saved.saved ? (saved.location ?? f.suggestedName) : null;
      out.push({ path: where[i] ?? `${f.suggestedName} (not saved)`, sha256: f.sha256 });
    }
    return out;
  };
  return { write, locations: () => [...where] };
}
