/**
 * `sigwb dictionary`: the compound dictionary in force, out to a JSON file to edit, and an edited file back in
 * (validated whole: a file with any error changes nothing).
 */
import { DICTIONARY_DOCUMENT, loadDictionary, parseDictionaryText, saveDictionary } from '../../shared/domain/workspace-dictionary';
import { documentCommand } from '../document-command';

export const dictionaryCommand = documentCommand({
  name: 'dictionary',
  usage: 'sigwb dictionary --workspace <dir> (--export <file.json> [--force] | --import <file.json> [--wait])',
  summary: 'Write the compound dictionary in force to a JSON file to edit, or make an edited file the workspace’s dictionary.',
  document: DICTIONARY_DOCUMENT,
  fileWhat: 'the dictionary file',
  load: loadDictionary,
  parse: parseDictionaryText,
  save: (ws, dict) => saveDictionary(ws, dict),
  exported: (dict, file) => `Wrote the compound dictionary ${dict.version} (${dict.compounds.length} compounds) to ${file}`,
  imported: (dict, saved) =>
    `The workspace's compound dictionary is now ${dict.version} (${dict.compounds.length} compounds), saved as version ${saved.version} in ${saved.file} (copied to config/${DICTIONARY_DOCUMENT}.json)`,
});
