/**
 * The shipped compound dictionary. Sources: ../shared/DOMAIN.md (de Bruin et al. 2021, Forensic Chemistry;
 * Vandeputte et al. 2021, J Anal Toxicol 45; Allen et al. 1987; Cantrell et al. 1988; Kunalan et al. 2009).
 */
import { CompoundDictionary, DICTIONARY_FORMAT, DICTIONARY_VERSION } from './compound-dictionary';

export const DEFAULT_COMPOUND_DICTIONARY: CompoundDictionary = CompoundDictionary.parse({
  format: DICTIONARY_FORMAT,
  schema_version: DICTIONARY_VERSION,
  version: 'default-2026.11',
  compounds: [
    { name: 'fentanyl', cas: '437-38-7', role: 'main_drug', synonyms: [] },
    { name: '4-ANPP', cas: '21409-26-7', role: 'precursor', synonyms: ['despropionylfentanyl', '4-anilino-N-phenethylpiperidine'] },
    { name: 'NPP', cas: '39742-60-4', role: 'precursor', synonyms: ['N-phenethyl-4-piperidone'] },
    { name: 'norfentanyl', cas: '1609-66-1', role: 'precursor', synonyms: [] },
    { name: 'acetylfentanyl', cas: '3258-84-2', role: 'impurity', synonyms: ['acetyl fentanyl'] },
    { name: 'phenethyl-4-ANPP', cas: null, role: 'impurity', synonyms: ['phenethyl 4-ANPP'] },
    { name: 'xylazine', cas: '7361-61-7', role: 'adulterant', synonyms: [] },
    { name: 'caffeine', cas: '58-08-2', role: 'adulterant', synonyms: [] },
    { name: 'mannitol', cas: '69-65-8', role: 'diluent', synonyms: [] },
  ],
});
