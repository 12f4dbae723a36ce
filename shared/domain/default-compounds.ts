/**
 * The shipped compound dictionary: every compound ../shared/DOMAIN.md names, with the adulterants,
 * diluents and internal standards seen in Canadian fentanyl casework. CAS numbers are given only where
 * certain; null otherwise (the analyst may add them). Sources: ../shared/DOMAIN.md (de Bruin et al. 2021,
 * Forensic Chemistry; Vandeputte et al. 2021, J Anal Toxicol 45; Allen et al. 1987, J Forensic Sci 32;
 * Cantrell et al. 1988; Kunalan et al. 2009, Anal Chem 81), UNODC and INCB precursor tables.
 */
import { CompoundDictionary, DICTIONARY_FORMAT, DICTIONARY_VERSION, type CompoundEntry } from './compound-dictionary';

const FENTANYL_PROFILING = 'Fentanyl impurity profiling (de Bruin et al. 2021, Forensic Chemistry)';
const PRECURSOR_2017 = 'Fentanyl precursor under international control since 2017 (CND, Table I)';
const PRECURSOR_2022 = 'Fentanyl precursor under international control since November 2022 (CND, Table I)';

const fentanyl: CompoundEntry[] = [
  { name: 'fentanyl', cas: '437-38-7', role: 'main_drug', synonyms: ['fentanyl base', 'fentanyl HCl', 'fentanyl hydrochloride', 'fentanyl citrate'] },
  { name: 'carfentanil', cas: '59708-52-0', role: 'main_drug', synonyms: [] },
  { name: 'para-fluorofentanyl', cas: '90736-23-5', role: 'main_drug', synonyms: ['p-fluorofentanyl', '4-fluorofentanyl', 'pFF', '4-FF'] },
  { name: 'acetylfentanyl', cas: '3258-84-2', role: 'impurity', synonyms: ['acetyl fentanyl'], note: `${FENTANYL_PROFILING}; forms when acetyl groups contaminate the acylation step` },
  { name: 'NPP', cas: '39742-60-4', role: 'precursor', synonyms: ['N-phenethyl-4-piperidone', 'N-phenethyl-4-piperidinone', '1-phenethyl-4-piperidone', '1-(2-phenylethyl)-4-piperidinone'], note: `${PRECURSOR_2017}; Siegfried route starting material` },
  { name: '4-ANPP', cas: '21409-26-7', role: 'precursor', synonyms: ['ANPP', 'despropionylfentanyl', '4-anilino-N-phenethylpiperidine', 'N-phenyl-1-(2-phenylethyl)piperidin-4-amine'], note: `${PRECURSOR_2017}; the immediate precursor in most routes and a hydrolysis product of fentanyl` },
  { name: '4-AP', cas: '23056-29-3', role: 'precursor', synonyms: ['4-anilinopiperidine', 'N-phenylpiperidin-4-amine'], note: `${PRECURSOR_2022}; newer routes after the 2017 controls` },
  { name: '1-boc-4-AP', cas: '125541-22-2', role: 'precursor', synonyms: ['1-Boc-4-anilinopiperidine', 'tert-butyl 4-(phenylamino)piperidine-1-carboxylate', 'boc-4-AP'], note: PRECURSOR_2022 },
  { name: 'norfentanyl', cas: '1609-66-1', role: 'precursor', synonyms: ['N-phenyl-N-(piperidin-4-yl)propanamide'], note: `${PRECURSOR_2022}; also a Janssen-route intermediate (${FENTANYL_PROFILING})` },
  { name: 'benzylfentanyl', cas: '1474-02-8', role: 'precursor', synonyms: ['benzyl fentanyl', 'N-(1-benzylpiperidin-4-yl)-N-phenylpropanamide'], note: 'Janssen-route intermediate; proposed for control as it converts to norfentanyl' },
  { name: '1-benzyl-4-piperidone', cas: '3612-20-2', role: 'precursor', synonyms: ['N-benzyl-4-piperidone', '1-benzylpiperidin-4-one'], note: 'Janssen-route starting material' },
  { name: 'phenethyl-4-ANPP', cas: null, role: 'impurity', synonyms: ['phenethyl 4-ANPP', 'N-phenethyl-4-ANPP'], note: 'First seen 2019; 25 of 1,054 US fentanyl cases late 2019–2020; proposed to arise from one-pot (Gupta) routes run badly (Vandeputte et al. 2021, J Anal Toxicol 45). A marker with a confidence, not proof of a route.' },
  { name: 'ethyl-4-ANPP', cas: null, role: 'impurity', synonyms: ['ethyl 4-ANPP'], note: FENTANYL_PROFILING },
  { name: 'N-phenylpropanamide', cas: '620-71-1', role: 'impurity', synonyms: ['propionanilide', 'N-phenylpropionamide'], note: `${FENTANYL_PROFILING}; from propionylation of residual aniline` },
  { name: 'aniline', cas: '62-53-3', role: 'impurity', synonyms: ['benzenamine'], note: `${FENTANYL_PROFILING}; residual reagent` },
  { name: '4-piperidone', cas: '41661-47-6', role: 'impurity', synonyms: ['piperidin-4-one', '4-piperidinone'], note: `${FENTANYL_PROFILING}; Gupta (one-pot) starting material` },
  { name: 'phenethyl alcohol', cas: '60-12-8', role: 'impurity', synonyms: ['2-phenylethanol', 'phenylethyl alcohol', '2-phenylethyl alcohol'], note: FENTANYL_PROFILING },
  { name: '1-phenethylpiperidin-4-ol', cas: null, role: 'impurity', synonyms: ['1-phenethyl-4-piperidinol', '1-(2-phenylethyl)piperidin-4-ol', '4-hydroxy-N-phenethylpiperidine'], note: `${FENTANYL_PROFILING}; reduction by-product of NPP` },
];

const methamphetamine: CompoundEntry[] = [
  { name: 'methamphetamine', cas: '537-46-2', role: 'main_drug', synonyms: ['d-methamphetamine', 'methylamphetamine', 'meth'] },
  { name: 'amphetamine', cas: '300-62-9', role: 'main_drug', synonyms: [] },
  { name: 'ephedrine', cas: '299-42-3', role: 'precursor', synonyms: ['(-)-ephedrine', 'l-ephedrine'], note: 'Precursor of ephedrine/pseudoephedrine reduction routes' },
  { name: 'pseudoephedrine', cas: '90-82-4', role: 'precursor', synonyms: ['(+)-pseudoephedrine', 'd-pseudoephedrine'], note: 'Precursor of ephedrine/pseudoephedrine reduction routes' },
  { name: 'P2P', cas: '103-79-7', role: 'precursor', synonyms: ['phenylacetone', '1-phenyl-2-propanone', 'phenyl-2-propanone', 'BMK', 'benzyl methyl ketone'], note: 'P2P routes (Leuckart, reductive amination): Kunalan et al. 2009, Anal Chem 81' },
  { name: 'cis-1,2-dimethyl-3-phenylaziridine', cas: null, role: 'impurity', synonyms: ['cis-aziridine'], note: 'Ephedrine/pseudoephedrine reduction marker (Allen et al. 1987, J Forensic Sci 32)' },
  { name: 'trans-1,2-dimethyl-3-phenylaziridine', cas: null, role: 'impurity', synonyms: ['trans-aziridine'], note: 'Ephedrine/pseudoephedrine reduction marker (Allen et al. 1987, J Forensic Sci 32)' },
  { name: 'chloroephedrine', cas: null, role: 'impurity', synonyms: ['chloro-ephedrine'], note: 'Ephedrine reduction intermediate (Allen et al. 1987)' },
  { name: 'chloropseudoephedrine', cas: null, role: 'impurity', synonyms: ['chloro-pseudoephedrine'], note: 'Pseudoephedrine reduction intermediate (Allen et al. 1987)' },
  { name: '1-benzyl-3-methylnaphthalene', cas: null, role: 'impurity', synonyms: [], note: 'HI/red-P route marker (Cantrell et al. 1988)' },
  { name: '1,3-dimethyl-2-phenylnaphthalene', cas: null, role: 'impurity', synonyms: [], note: 'HI/red-P route marker (Cantrell et al. 1988)' },
  { name: 'N-formylmethamphetamine', cas: null, role: 'impurity', synonyms: ['N-formyl methamphetamine'], note: 'Forms in several routes; its abundance, not its presence, points to Leuckart (../shared/DOMAIN.md)' },
  { name: 'N-acetylmethamphetamine', cas: null, role: 'impurity', synonyms: ['N-acetyl methamphetamine'], note: 'Methamphetamine by-product' },
];

const cutting: CompoundEntry[] = [
  { name: 'xylazine', cas: '7361-61-7', role: 'adulterant', synonyms: ['tranq'], note: 'Veterinary sedative added at distribution' },
  { name: 'medetomidine', cas: '86347-14-0', role: 'adulterant', synonyms: [], note: 'Veterinary sedative seen with fentanyl since 2022' },
  { name: 'bromazolam', cas: '71368-80-4', role: 'adulterant', synonyms: [], note: 'Designer benzodiazepine seen with fentanyl in Canada' },
  { name: 'caffeine', cas: '58-08-2', role: 'adulterant', synonyms: [] },
  { name: 'acetaminophen', cas: '103-90-2', role: 'adulterant', synonyms: ['paracetamol', 'APAP'] },
  { name: '4-MAAP', cas: '519-98-2', role: 'adulterant', synonyms: ['4-methylaminoantipyrine', 'methylaminoantipyrine', 'noramidopyrine'], note: 'Metamizole metabolite found as an adulterant' },
  { name: 'lidocaine', cas: '137-58-6', role: 'adulterant', synonyms: ['lignocaine'] },
  { name: 'procaine', cas: '59-46-1', role: 'adulterant', synonyms: [] },
  { name: 'phenacetin', cas: '62-44-2', role: 'adulterant', synonyms: [] },
  { name: 'diphenhydramine', cas: '58-73-1', role: 'adulterant', synonyms: [] },
  { name: 'levamisole', cas: '14769-73-4', role: 'adulterant', synonyms: [] },
  { name: 'quinine', cas: '130-95-0', role: 'adulterant', synonyms: [] },
  { name: 'heroin', cas: '561-27-3', role: 'main_drug', synonyms: ['diacetylmorphine', 'diamorphine'] },
  { name: 'cocaine', cas: '50-36-2', role: 'main_drug', synonyms: [] },
  { name: 'mannitol', cas: '69-65-8', role: 'diluent', synonyms: ['D-mannitol'] },
  { name: 'erythritol', cas: '149-32-6', role: 'diluent', synonyms: [] },
  { name: 'inositol', cas: '87-89-8', role: 'diluent', synonyms: ['myo-inositol'] },
  { name: 'lactose', cas: '63-42-3', role: 'diluent', synonyms: [] },
  { name: 'sucrose', cas: '57-50-1', role: 'diluent', synonyms: [] },
  { name: 'glucose', cas: '50-99-7', role: 'diluent', synonyms: ['dextrose', 'D-glucose'] },
  { name: 'cellulose', cas: '9004-34-6', role: 'diluent', synonyms: ['microcrystalline cellulose', 'MCC'] },
];

const standards: CompoundEntry[] = [
  { name: 'fentanyl-d5', cas: '118357-29-2', role: 'internal_standard', synonyms: ['fentanyl D5', 'D5-fentanyl'], note: 'Deuterated internal standard: areas may be reported as ratios to it' },
  { name: 'eicosane', cas: '112-95-8', role: 'internal_standard', synonyms: ['n-eicosane', 'C20'], note: 'Alkane internal standard of GC impurity methods' },
  { name: 'tetracosane', cas: '646-31-1', role: 'internal_standard', synonyms: ['n-tetracosane', 'C24'], note: 'Alkane internal standard of GC impurity methods' },
];

export const DEFAULT_COMPOUND_DICTIONARY: CompoundDictionary = CompoundDictionary.parse({
  format: DICTIONARY_FORMAT,
  schema_version: DICTIONARY_VERSION,
  version: 'default-2026.11',
  compounds: [...fentanyl, ...methamphetamine, ...cutting, ...standards],
});
