import { DICTIONARY_DOCUMENT, loadDictionary, parseDictionaryText, saveDictionary } from '../../shared/domain/workspace-dictionary';
import { inForce } from '../../shared/workspace/document-versions';
import { openWorkspace, RefusedError, UsageError, WAIT_OPTION } from '../context';
import { noArguments, requireString, type CliCommand } from '../command';
import { readInputFile } from '../input-file';
import { checkOutputPath, writeOutputFile } from '../output-file';

/**
 * `sigwb dictionary`: the compound dictionary in force, out to a JSON file to edit, and an edited file back in
 * (validated whole: a file with any error changes nothing).
 */
export const dictionaryCommand: CliCommand = {
  name: 'dictionary',
  usage: 'sigwb dictionary --workspace <dir> (--export <file.json> [--force] | --import <file.json> [--wait])',
  summary: 'Write the compound dictionary in force to a JSON file to edit, or make an edited file the workspace’s dictionary.',
  options: { workspace: { type: 'string', short: 'w' }, export: { type: 'string' }, import: { type: 'string' }, force: { type: 'boolean' }, ...WAIT_OPTION },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    const out = typeof values.export === 'string' ? values.export : null;
    const input = typeof values.import === 'string' ? values.import : null;
    noArguments(positionals);
    if ((out === null) === (input === null)) throw new UsageError('give either --export <file.json> or --import <file.json>');
    const force = values.force === true;
    const target = out !== null ? checkOutputPath(out, force, '--export') : null;
    // Exporting reads; importing writes, under the lock.
    const ws = await openWorkspace(dir, target !== null ? { io } : { write: 'dictionary', wait: values.wait === true, io });
    try {
      if (target !== null) {
        const dict = await loadDictionary(ws);
        await writeOutputFile(target, JSON.stringify(dict, null, 2) + '\n', force);
        io.out(`Wrote the compound dictionary ${dict.version} (${dict.compounds.length} compounds) to ${out}\n`);
        return;
      }
      const text = new TextDecoder().decode(await readInputFile(input!, 'the dictionary file'));
      let dict;
      try {
        dict = parseDictionaryText(text, input!);
      } catch (e) {
        throw new RefusedError(`refused, nothing changed: ${(e as Error).message}`);
      }
      await saveDictionary(ws, dict);
      const saved = inForce(ws.manifest, DICTIONARY_DOCUMENT)!;
      io.out(`The workspace's compound dictionary is now ${dict.version} (${dict.compounds.length} compounds), saved as version ${saved.version} in ${saved.file} (copied to config/${DICTIONARY_DOCUMENT}.json)\n`);
    } finally {
      await ws.close();
    }
  },
};
