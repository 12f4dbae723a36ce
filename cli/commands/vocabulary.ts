/**
 * `sigwb vocabulary`: the controlled vocabularies in force (region, form, main drug, with their French and English
 * synonyms), out to a JSON file to edit, and an edited file back in (validated whole: a file with any error changes
 * nothing; saved as a new version, audited), as `sigwb dictionary` does for the compound dictionary.
 */
import { loadVocabularies, parseVocabulariesText, saveVocabularies, VOCABULARIES_DOCUMENT } from '../../shared/domain/workspace-vocabulary';
import { VOCABULARY_FIELDS, type Vocabularies } from '../../shared/domain/vocabulary';
import { documentCommand } from '../document-command';

const terms = (d: Vocabularies) => VOCABULARY_FIELDS.map((f) => `${d.fields[f].length} ${f}`).join(', ');

export const vocabularyCommand = documentCommand({
  name: 'vocabulary',
  usage: 'sigwb vocabulary --workspace <dir> (--export <file.json> [--force] | --import <file.json> [--wait])',
  summary: 'Write the controlled vocabularies in force (region, form, main drug) to a JSON file to edit, or make an edited file the workspace’s vocabularies.',
  document: VOCABULARIES_DOCUMENT,
  fileWhat: 'the vocabularies file',
  load: loadVocabularies,
  parse: parseVocabulariesText,
  save: saveVocabularies,
  exported: (doc, file) => `Wrote the vocabularies ${doc.version} (${terms(doc)} terms) to ${file}`,
  imported: (doc, saved, change) =>
    `The workspace's vocabularies are now ${doc.version} (${terms(doc)} terms; ${change}), saved as version ${saved.version} in ${saved.file} (copied to config/${VOCABULARIES_DOCUMENT}.json); the samples view maps every batch again on next open`,
});
