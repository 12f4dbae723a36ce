/**
 * The canonical fields of result and sample-metadata files, and the headers instruments, LIMS and
 * spreadsheets write for them (Agilent MassHunter and ChemStation, Thermo, Shimadzu, Waters exports; lab
 * submission forms in English and French). Earlier synonyms win when two columns name the same field
 * (MassHunter writes both "Sample Name" and "Data File": the sample name is taken).
 */

export const RESULT_FIELDS = ['sample_id', 'compound', 'area', 'rt_min', 'unit', 'method', 'instrument', 'analysed_on'] as const;
export const SAMPLE_FIELDS = ['sample_id', 'seizure_id', 'case_id', 'seized_on', 'region', 'city', 'lat', 'lon', 'form', 'mass_g', 'main_drug', 'purity_pct', 'agency'] as const;

export type ResultField = (typeof RESULT_FIELDS)[number];
export type SampleField = (typeof SAMPLE_FIELDS)[number];
export type CanonicalField = ResultField | SampleField;

export const CANONICAL_FIELDS: readonly CanonicalField[] = [...new Set<CanonicalField>([...RESULT_FIELDS, ...SAMPLE_FIELDS])];

/** Fields that only sample-metadata files have: one of them makes a file a metadata file. */
export const METADATA_ONLY_FIELDS: readonly SampleField[] = SAMPLE_FIELDS.filter((f) => f !== 'sample_id');

/** Synonyms per field, most specific first. Matched after `headerKey` folding. */
export const HEADER_SYNONYMS: Record<CanonicalField, readonly string[]> = {
  sample_id: [
    'sample id', 'sample_id', 'sampleid', 'sample name', 'sample', 'sample no', 'sample number', 'sample code', 'lab no', 'lab number',
    'lab id', 'lab sample id', 'laboratory number', 'laboratory no', 'lims id', 'lims no', 'specimen', 'specimen id', 'no echantillon',
    'echantillon', 'data file', 'datafile', 'file name',
  ],
  compound: ['compound', 'compound name', 'analyte', 'analyte name', 'component', 'component name', 'peak name', 'target', 'target compound', 'substance', 'compose'],
  area: ['area', 'peak area', 'resp', 'response', 'area counts', 'peak area counts', 'integrated area', 'abundance', 'aire', 'aire du pic'],
  rt_min: ['rt_min', 'rt', 'rt min', 'ret time', 'retention time', 'retention time min', 'r t', 'rt minutes', 'temps de retention', 'tr'],
  unit: ['unit', 'units', 'area unit', 'unite'],
  method: ['method', 'acq method', 'acquisition method', 'method name', 'analytical method', 'methode'],
  instrument: ['instrument', 'instrument name', 'inst', 'instrument id', 'system'],
  analysed_on: [
    'analysed_on', 'analysed on', 'analyzed on', 'analysis date', 'date analysed', 'date analyzed', 'acq date', 'acq date time',
    'acquisition date', 'acquisition date time', 'injection date', 'run date', 'date of analysis', 'date analyse', "date d'analyse",
  ],
  seizure_id: ['seizure_id', 'seizure id', 'seizure', 'seizure no', 'seizure number', 'exhibit', 'exhibit no', 'exhibit number', 'exhibit id', 'item', 'item no', 'piece', 'no piece', 'saisie', 'no saisie'],
  case_id: ['case_id', 'case id', 'case', 'case no', 'case number', 'file number', 'occurrence', 'occurrence no', 'occurrence number', 'occurrence #', 'dossier', 'no dossier'],
  seized_on: ['seized_on', 'seized on', 'seizure date', 'date seized', 'date of seizure', 'date de saisie', 'date saisie'],
  region: ['region', 'province', 'province territory', 'prov', 'state', 'territory'],
  city: ['city', 'place', 'location', 'municipality', 'town', 'ville', 'lieu'],
  lat: ['lat', 'latitude'],
  lon: ['lon', 'long', 'lng', 'longitude'],
  form: ['form', 'physical form', 'sample form', 'appearance', 'forme'],
  mass_g: ['mass_g', 'mass g', 'mass', 'net mass', 'net mass g', 'net weight', 'net weight g', 'weight g', 'weight', 'masse', 'masse g', 'masse nette', 'masse nette g', 'poids net', 'poids net g'],
  main_drug: ['main_drug', 'main drug', 'drug', 'primary drug', 'main substance', 'identified drug', 'drogue principale'],
  purity_pct: ['purity_pct', 'purity %', 'purity', 'purity pct', 'percent purity', '% purity', 'purete', 'purete %'],
  agency: ['agency', 'submitting agency', 'submitter', 'police service', 'detachment', 'submitting unit', 'agence', 'service de police'],
};

/** Folds a header for matching: accents, case, punctuation and units in brackets fold away ("RT [min]" → "rt min"). */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9%#']+/g, ' ')
    .trim();
}

const LOOKUP: Map<string, { field: CanonicalField; rank: number }> = (() => {
  const map = new Map<string, { field: CanonicalField; rank: number }>();
  for (const field of CANONICAL_FIELDS) {
    HEADER_SYNONYMS[field].forEach((s, rank) => {
      const key = headerKey(s);
      if (!map.has(key)) map.set(key, { field, rank });
    });
  }
  return map;
})();

/** The canonical field a header names, with its rank among the synonyms (0 = the canonical name). */
export function synonymOf(header: string): { field: CanonicalField; rank: number } | null {
  return LOOKUP.get(headerKey(header)) ?? null;
}
