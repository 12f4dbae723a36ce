/**
 * The commands that take an editable reference document of the workspace out to a JSON file and an edited copy back
 * in (`sigwb dictionary`, `sigwb vocabulary`): one shape, so both refuse the same way (an existing --export file
 * without --force, neither or both options, a file with any error changes nothing) and save a new, audited version.
 */
import { inForce, type InForce } from '../shared/workspace/document-versions';
import type { Workspace } from '../shared/workspace/Workspace';
import { openWorkspace, RefusedError, UsageError, WAIT_OPTION } from './context';
import { noArguments, requireString, type CliCommand } from './command';
import { readInputFile } from './input-file';
import { checkOutputPath, writeOutputFile } from './output-file';

export interface DocumentCommandSpec<T> {
  name: string;
  usage: string;
  summary: string;
  /** The document's manifest name (`compound-dictionary`). */
  document: string;
  /** What the input file is, for read errors ("the dictionary file"). */
  fileWhat: string;
  load(ws: Workspace): Promise<T>;
  parse(text: string, where: string): T;
  /** Saves the document as a new version; returns what changed, in words, when it can say. */
  save(ws: Workspace, doc: T): Promise<string | void>;
  /** The line printed after --export. */
  exported(doc: T, file: string): string;
  /** The line printed after --import. */
  imported(doc: T, saved: InForce, change: string | void): string;
}

/** A `--export <file.json> | --import <file.json>` command for one document. */
export function documentCommand<T>(spec: DocumentCommandSpec<T>): CliCommand {
  return {
    name: spec.name,
    usage: spec.usage,
    summary: spec.summary,
    options: { workspace: { type: 'string', short: 'w' }, export: { type: 'string' }, import: { type: 'string' }, force: { type: 'boolean' }, ...WAIT_OPTION },
    async run(values, positionals, io) {
      const dir = requireString(values, 'workspace');
      const out = typeof values.export === 'string' ? values.export : null;
      const input = typeof values.import === 'string' ? values.import : null;
      noArguments(positionals);
      if ((out === null) === (input === null)) throw new UsageError('give either --export <file.json> or --import <file.json>');
      const force = values.force === true;
      const target = out !== null ? checkOutputPath(out, force, '--export') : null;
      // Exporting reads; importing writes, under the workspace's lock (--wait waits for another writer).
      const ws = await openWorkspace(dir, target !== null ? { io } : { write: spec.name, wait: values.wait === true, io });
      try {
        if (target !== null) {
          const doc = await spec.load(ws);
          await writeOutputFile(target, JSON.stringify(doc, null, 2) + '\n', force);
          io.out(`${spec.exported(doc, out!)}\n`);
          return;
        }
        const text = new TextDecoder().decode(await readInputFile(input!, spec.fileWhat));
        let doc: T;
        try {
          doc = spec.parse(text, input!);
        } catch (e) {
          throw new RefusedError(`refused, nothing changed: ${(e as Error).message}`);
        }
        const change = await spec.save(ws, doc);
        io.out(`${spec.imported(doc, inForce(ws.manifest, spec.document)!, change)}\n`);
      } finally {
        await ws.close();
      }
    },
  };
}
