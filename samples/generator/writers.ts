/**
 * Writes the generated samples as labs' files really look: a GC-MS export with batch lines above an
 * instrument header (MassHunter style), a Québec workstation's TSV with decimal commas, LIMS metadata
 * in UTF-8 with BOM (Excel's "CSV UTF-8") and in Windows-1252 with semicolons (Excel's "CSV" in French),
 * and the ground truth for calibration and route attribution.
 */
import { toCsv } from '../../shared/util/csv';
import type { Peak, Sample } from './world';

const iso = (day: number) => new Date(day * 86400000).toISOString().slice(0, 10);
const dmy = (day: number) => iso(day).split('-').reverse().join('/');
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function csv(header: string[], rows: (string | number | null)[][], delimiter = ','): string {
  return toCsv(header, rows, { neutraliseFormulas: false, delimiter });
}

/** The not-detected token of an analysis run: MassHunter leaves the cell empty; some analysts write nd or <LOD. */
function ndToken(s: Sample): string {
  return ['', '', 'nd', '<LOD'][s.analysedOn % 4];
}

/** GC-MS impurity results, long, as a MassHunter quantitative export with its batch lines above the header. */
export function gcmsLongCsv(samples: Sample[]): string {
  const header = ['Data File', 'Sample Name', 'Compound', 'RT', 'Resp.', 'Acq. Method', 'Instrument', 'Acq. Date-Time'];
  const rows: (string | number | null)[][] = [];
  for (const s of samples) {
    for (const p of s.peaks) {
      const rt = p.area === null ? '' : (p.rt + ((s.analysedOn % 7) - 3) * 0.004).toFixed(3);
      rows.push([`${s.sampleId}.D`, s.sampleId, p.name, rt, p.area ?? ndToken(s), 'FENT-IMP-v3.m', 'GCMS-5977B-01', `${iso(s.analysedOn)} ${hhmm(s.injectionMinute)}`]);
    }
  }
  const preamble = 'Batch Data Path,D:\\MassHunter\\Data\\FENT\\QuantResults\\FENT-IMP.batch.bin\nAnalysis Time,2025-11-03 09:12\nReport Generator,Quantitative Analysis 10.1\n\n';
  return preamble + csv(header, rows);
}

/** The Québec lab's GC-MS export: tab-separated, decimal commas (French regional settings), n.d. tokens, dates day first. */
export function gcmsQuebecTsv(samples: Sample[]): string {
  const header = ['Sample Name', 'Compound Name', 'RT', 'Area', 'Method', 'Instrument', 'Acq. Date'];
  const rows: (string | number | null)[][] = [];
  for (const s of samples) {
    for (const p of s.peaks) {
      const area = p.area === null ? 'n.d.' : p.area.toFixed(1).replace('.', ',');
      const rt = p.area === null ? '' : p.rt.toFixed(3).replace('.', ',');
      rows.push([s.sampleId, p.name, rt, area, 'FENT-IMP-v3.m', 'GCMS-5977B-QC', `${dmy(s.analysedOn)} ${hhmm(s.injectionMinute)}`]);
    }
  }
  return csv(header, rows, '\t');
}

const NOTES = ['', '', '', 'exhibit split into bags', 'found in vehicle', 'border seizure', 'residue only', 'pressed tablets, blue, "M 30"'];

/** LIMS sample metadata (English headers), for Excel's "CSV UTF-8" (the BOM is added by the caller). */
export function metadataCsv(samples: Sample[]): string {
  const header = ['Lab No', 'Exhibit No', 'Case Number', 'Date Seized', 'Province', 'City', 'Latitude', 'Longitude', 'Form', 'Net Weight (g)', 'Main Drug', 'Purity (%)', 'Submitting Agency', 'Notes'];
  const rows = samples.map((s, i) => [
    s.sampleId, s.seizureId, s.caseId, iso(s.seizedOn), s.place.region, s.place.city, s.place.lat, s.place.lon, s.form, s.massG, 'fentanyl', s.purityPct, s.agency, NOTES[(i * 7) % NOTES.length],
  ]);
  return csv(header, rows);
}

const FORME: Record<Sample['form'], string> = { powder: 'poudre', tablet: 'comprimé', rock: 'roche', liquid: 'liquide' };
const comma = (x: number) => String(x).replace('.', ',');

/** The Québec lab's metadata: French headers, semicolons, decimal commas, dates day first (Excel "CSV" in Windows-1252). */
export function metadataQuebecCsv(samples: Sample[]): string {
  const header = ['No échantillon', 'No pièce', 'No dossier', 'Date de saisie', 'Province', 'Ville', 'Latitude', 'Longitude', 'Forme', 'Masse nette (g)', 'Drogue principale', 'Pureté (%)', 'Agence'];
  const rows = samples.map((s) => [s.sampleId, s.seizureId, s.caseId, dmy(s.seizedOn), s.place.region, s.place.city, comma(s.place.lat), comma(s.place.lon), FORME[s.form], comma(s.massG), 'fentanyl', comma(s.purityPct), s.agency]);
  return csv(header, rows, ';');
}

/** LC-MS adulterant and diluent screen, wide: one row per sample, one column per compound (ND when not detected). */
export function lcmsWideRows(samples: Sample[]): { header: string[]; rows: (string | number | Date)[][] } {
  const names = samples[0].cuts.map((c) => c.name);
  const header = ['Sample ID', 'Injection Date', 'Instrument', ...names.map((n) => `${n} Area`)];
  const rows = samples.map((s) => [s.sampleId, new Date((s.analysedOn + 1) * 86400000), 'LCMS-6546-01', ...s.cuts.map((c: Peak) => c.area ?? 'ND')]);
  return { header, rows };
}

/** The ground truth, for calibration (linked = same seizure) and route attribution. */
export function truthCsv(samples: Sample[]): string {
  const header = ['sample_id', 'seizure_id', 'case_id', 'source', 'route', 'production_batch', 'distributor', 'region'];
  return csv(header, samples.map((s) => [s.sampleId, s.seizureId, s.caseId, s.source, s.route, s.productionBatch, s.distributor, s.place.region]));
}

/** Windows-1252 bytes of a text (Latin-1 range; the few cp1252 extras the data uses). */
export function windows1252(text: string): Uint8Array {
  const extra: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const e = extra[text[i]];
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else if (e !== undefined) out[i] = e;
    else throw new Error(`cannot write ${text[i]} in Windows-1252`);
  }
  return out;
}
