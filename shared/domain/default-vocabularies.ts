/**
 * The vocabularies shipped with the workbench. Regions: Canada's provinces and territories by their official English
 * and French names and Canada Post's two-letter symbols (with the usual abbreviations), and the U.S. states along the
 * border (Canada–U.S. border work: ports of entry) by English and French name and USPS code. Forms: the forms DOMAIN.md
 * names (powder, tablet, liquid) and the others labs record, in English and French. Main drugs: those of drug-analysis
 * casework, with their French names. Canonical values are English and lower case where the data writes them so
 * (forms, drugs), as the sample data does; regions as the map names them.
 */
import { VOCABULARIES_FORMAT, type Vocabularies, type VocabularyTerm } from './vocabulary';

const t = (value: string, ...synonyms: string[]): VocabularyTerm => ({ value, synonyms });

const REGIONS: VocabularyTerm[] = [
  t('Alberta', 'AB', 'Alta.', 'Alb.'),
  t('British Columbia', 'BC', 'B.C.', 'Colombie-Britannique', 'C.-B.', 'CB'),
  t('Manitoba', 'MB', 'Man.'),
  t('New Brunswick', 'NB', 'N.B.', 'Nouveau-Brunswick', 'N.-B.'),
  t('Newfoundland and Labrador', 'NL', 'N.L.', 'Newfoundland', 'Terre-Neuve-et-Labrador', 'T.-N.-L.', 'TNL'),
  t('Nova Scotia', 'NS', 'N.S.', 'Nouvelle-Écosse', 'N.-É.', 'Nouvelle-Ecosse'),
  t('Ontario', 'ON', 'Ont.'),
  t('Prince Edward Island', 'PE', 'PEI', 'P.E.I.', 'Île-du-Prince-Édouard', 'Î.-P.-É.', 'Ile-du-Prince-Edouard'),
  t('Quebec', 'QC', 'Québec', 'Qc', 'Que.', 'PQ'),
  t('Saskatchewan', 'SK', 'Sask.'),
  t('Northwest Territories', 'NT', 'N.W.T.', 'NWT', 'Territoires du Nord-Ouest', 'T.N.-O.', 'TNO'),
  t('Nunavut', 'NU'),
  t('Yukon', 'YT', 'Yn', 'Yukon Territory'),
  t('Alaska', 'AK'),
  t('Washington', 'WA', 'Washington State', 'État de Washington', 'Etat de Washington'),
  t('Idaho', 'ID'),
  t('Montana', 'MT'),
  t('North Dakota', 'ND', 'Dakota du Nord'),
  t('Minnesota', 'MN'),
  t('Michigan', 'MI'),
  t('Ohio', 'OH'),
  t('Pennsylvania', 'PA', 'Pennsylvanie'),
  t('New York', 'NY', 'New York State', 'État de New York', 'Etat de New York'),
  t('Vermont', 'VT'),
  t('New Hampshire', 'NH'),
  t('Maine', 'ME'),
];

const FORMS: VocabularyTerm[] = [
  t('powder', 'poudre', 'pdr', 'powdered'),
  t('tablet', 'comprimé', 'comprime', 'comprimés', 'comprimes', 'tablets', 'tab', 'pill', 'pills', 'pilule'),
  t('capsule', 'capsules', 'gélule', 'gelule', 'gélules'),
  t('liquid', 'liquide', 'solution'),
  t('rock', 'roche', 'caillou', 'chunk'),
  t('crystal', 'cristal', 'cristaux', 'crystals', 'crystalline'),
  t('paper', 'papier', 'blotter', 'buvard'),
  t('resin', 'résine', 'resine'),
  t('plant material', 'matière végétale', 'matiere vegetale', 'herbal'),
];

const DRUGS: VocabularyTerm[] = [
  t('fentanyl', 'fentanil', 'fentanyl HCl', 'fentanyl citrate'),
  t('carfentanil', 'carfentanyl'),
  t('acetylfentanyl', 'acétylfentanyl', 'acetyl fentanyl'),
  t('para-fluorofentanyl', 'p-fluorofentanyl', 'pFF', '4-fluorofentanyl'),
  t('methamphetamine', 'méthamphétamine', 'metamfetamine', 'meth'),
  t('amphetamine', 'amphétamine', 'amfetamine'),
  t('MDMA', 'ecstasy', '3,4-methylenedioxymethamphetamine'),
  t('cocaine', 'cocaïne', 'cocaine HCl', 'crack cocaine', 'crack'),
  t('heroin', 'héroïne', 'heroine', 'diacetylmorphine', 'diacétylmorphine'),
  t('ketamine', 'kétamine'),
  t('isotonitazene', 'isotonitazène'),
  t('protonitazene', 'protonitazène'),
];

export const DEFAULT_VOCABULARIES: Vocabularies = {
  format: VOCABULARIES_FORMAT,
  schema_version: 1,
  version: 'shipped-2026-11',
  fields: { region: REGIONS, form: FORMS, main_drug: DRUGS },
};
