/**
 * `sigwb vocabulary`: the controlled vocabularies in force (region, form, main drug, with their French and English
 * synonyms), out to a JSON file to edit, and an edited file back in (validated whole: a file with any error changes
 * nothing; saved as a new version, audited), as `sigwb dictionary` does for the compound dictionary.
 */
import { loadVocabularies, parseVocabulariesText, saveVocabularies, VOCABULARIES_DOCUMENT } from '../../shared/domain/workspace-vocabulary';
import { VOCABULARY_FIELDS } from '../../shared/domain/vocabulary';
import { inForce } from '../../shared/workspace/document-versions';
import { openWorkspace, RefusedError, UsageError } from '../context';
import { noArguments, requireString, type CliCommand } from '../command';
import { readInputFile } from '../input-file';
import { checkOutputPath, writeOutputFile } from '../output-file';

export const vocabularyCommand: CliCommand = {
  name: 'vocabulary',
  usage: 'sigwb vocabulary --workspace <dir> (--export <file.json> [--force] | --import <file.json>)',
  summary: 'Write the controlled vocabularies in force (region, form, main drug) to a JSON file to edit, or make an edited file the workspace’s vocabularies.',
  options: { workspace: { type: 'string', short: 'w' }, export: { type: 'string' }, import: { type: 'string' }, force: { type: 'boolean' } },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    const out = typeof values.export === 'string' ? values.export : null;
    const input = typeof values.import === 'string' ? values.import : null;
    noArguments(positionals);
    if ((out === null) === (input === null)) throw new UsageError('give either --export <file.json> or --import <file.json>');
    const force = values.force === true;
    const target = out !== null ? checkOutputPath(out, force, '--export') : null;
    const ws = await openWorkspace(dir);
    const terms = (d: Awaited<ReturnType<typeof loadVocabularies>>) => VOCABULARY_FIELDS.map((f) => `${d.fields[f].length} ${f}`).join(', ');
    if (target !== null) {
      const doc = await loadVocabularies(ws);
      await writeOutputFile(target, JSON.stringify(doc, null, 2) + '\n', force);
      io.out(`Wrote the vocabularies ${doc.version} (${terms(doc)} terms) to ${out}\n`);
      return;
    }
    const text = new TextDecoder().decode(await readInputFile(input!, 'the vocabularies file'));
    let doc;
    try {
      doc = parseVocabulariesText(text, input!);
    } catch (e) {
      throw new RefusedError(`refused, nothing changed: ${(e as Error).message}`);
    }
    const change = await saveVocabularies(ws, doc);
    const saved = inForce(ws.manifest, VOCABULARIES_DOCUMENT)!;
    io.out(`The workspace's vocabularies are now ${doc.version} (${terms(doc)} terms; ${change}), saved as version ${saved.version} in ${saved.file} (copied to config/${VOCABULARIES_DOCUMENT}.json); the samples view maps every batch again on next open\n`);
  },
};
