/**
 * `npm run bench -- xlsx`: a valid 100,000-row workbook imported end to end (the previous reader refused it after
 * about 60 s with "Maximum call stack size exceeded"), against the same rows as CSV in the same run (the reference),
 * with the process's peak memory; and the decompression bombs refused (honest: sizes declared; forged: declared small).
 */
import { DEFAULT_COMPOUND_DICTIONARY } from '../shared/domain/default-compounds';
import { importFile } from '../shared/importing/import-file';
import { handMadeXlsx, sheetRow, zipBombXlsx } from '../samples/generator/xlsx-by-hand';
import { FuzzWorkspace } from '../test/util/fuzz-import';

const ROWS = 100_000;

async function timedImport(name: string, bytes: Uint8Array): Promise<{ ms: number; status: string; rows: number }> {
  const w = new FuzzWorkspace();
  await w.fresh();
  const t0 = performance.now();
  const o = await importFile({ workspace: w.ws, db: w.db, dictionary: DEFAULT_COMPOUND_DICTIONARY, analyst: 'bench' }, { name, bytes });
  const ms = performance.now() - t0;
  await w.close();
  return { ms, status: o.status === 'refused' ? `refused: ${o.problems[0]?.reason}` : o.status, rows: o.status === 'imported' ? o.batch.rows_imported : 0 };
}

export async function benchXlsx(): Promise<void> {
  const compounds = ['Fentanyl', '4-ANPP', 'NPP', 'Norfentanyl', 'Xylazine'];
  const sheet = [sheetRow(1, ['Sample ID', 'Analysis Date', ...compounds])];
  const csv = [['Sample ID', 'Analysis Date', ...compounds].join(',')];
  for (let r = 2; r <= ROWS + 1; r++) {
    const areas = compounds.map((_, c) => ((r * 7919 + c * 104729) % 3_000_000) + 1);
    const serial = 45_300 + (r % 400);
    sheet.push(sheetRow(r, [`FS25-${String(r).padStart(6, '0')}`, { date: serial }, ...areas]));
    csv.push([`FS25-${String(r).padStart(6, '0')}`, new Date((serial - 25569) * 86_400_000).toISOString().slice(0, 10), ...areas].join(','));
  }
  const xlsx = handMadeXlsx(sheet.join(''));
  const text = new TextEncoder().encode(csv.join('\n') + '\n');
  const x = await timedImport('wide-100k.xlsx', xlsx);
  const peak = process.resourceUsage().maxRSS / 1024;
  const c = await timedImport('wide-100k.csv', text);
  console.log(`xlsx: ${ROWS.toLocaleString('en-CA')} rows × ${compounds.length + 2} columns, ${(xlsx.length / 2 ** 20).toFixed(1)} MB workbook`);
  console.log(`  XLSX import ${(x.ms / 1000).toFixed(1)} s (${x.status}, ${x.rows} rows); the same rows as CSV ${(c.ms / 1000).toFixed(1)} s (${c.status}); ratio ${(x.ms / c.ms).toFixed(2)}; peak RSS after the XLSX import ${peak.toFixed(0)} MiB`);
  const bomb = zipBombXlsx(100);
  const honest = await timedImport('bomb.xlsx', bomb);
  console.log(`  bomb of ${(bomb.length / 1024).toFixed(0)} KB declaring 100 MB: ${honest.status.slice(0, 80)}… in ${honest.ms.toFixed(0)} ms`);
}
