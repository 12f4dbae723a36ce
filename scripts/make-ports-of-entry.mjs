// Makes renderer/views/map/ports-of-entry.json: the land ports of entry on the Canada–U.S. border that the Map
// view draws (shipped with the app: no network).
//
// Source: U.S. Bureau of Transportation Statistics, "Border Crossing/Entry Data" (inbound crossings at U.S. land
// ports, from U.S. Customs and Border Protection), a work of the U.S. Government, public domain (17 U.S.C. § 105);
// BTS publishes it on the U.S. open-data portal as data set keg4-3bc2. The copy used was the CSV with latitude,
// longitude and point columns (2020 release), as kept in the public repository Jassi50/PythonPart2
// (Border_Crossing_Entry_Data.csv, commit 2f45d021cbd5). To remake it:
//
//   node scripts/make-ports-of-entry.mjs Border_Crossing_Entry_Data.csv
//
// What it does: keeps the rows of the US-Canada border, one per port code, with the port's name, state and the
// coordinates of its "POINT (lon lat)" column, rounded to 0.0001°. Each CBP port faces a CBSA port across the line;
// the source names the U.S. side only, so the map names the crossing by its U.S. port (e.g. "Blaine, WA").
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const STATES = {
  Alaska: 'AK', Idaho: 'ID', Maine: 'ME', Michigan: 'MI', Minnesota: 'MN', Montana: 'MT', 'New Hampshire': 'NH',
  'New York': 'NY', 'North Dakota': 'ND', Ohio: 'OH', Pennsylvania: 'PA', Vermont: 'VT', Washington: 'WA',
};

const input = process.argv[2];
if (!input) {
  console.error('usage: node scripts/make-ports-of-entry.mjs <Border_Crossing_Entry_Data.csv>');
  process.exit(2);
}
const ports = new Map();
for (const [n, line] of readFileSync(input, 'utf8').split(/\r?\n/).entries()) {
  if (!line || line.startsWith('Port Name,')) continue;
  const f = line.split(',');
  if (f[3] !== 'US-Canada Border') continue;
  const point = /POINT \((-?[\d.]+) (-?[\d.]+)\)/.exec(line);
  if (!point) throw new Error(`${input}:${n + 1}: no POINT (lon lat) on a US-Canada row`);
  const code = f[2];
  const state = STATES[f[1]] ?? f[1];
  const round = (v) => Math.round(Number(v) * 1e4) / 1e4;
  if (!ports.has(code)) ports.set(code, { code, name: f[0], state, lon: round(point[1]), lat: round(point[2]) });
}
const out = {
  source: 'U.S. Bureau of Transportation Statistics, Border Crossing/Entry Data (data set keg4-3bc2, from CBP), US-Canada border rows; made by scripts/make-ports-of-entry.mjs',
  licence: 'Public domain (a work of the U.S. Government, 17 U.S.C. § 105)',
  ports: [...ports.values()].sort((a, b) => a.lon - b.lon),
};
const file = path.resolve(import.meta.dirname, '..', 'renderer', 'views', 'map', 'ports-of-entry.json');
writeFileSync(file, JSON.stringify(out, null, 0) + '\n');
console.log(`${file}: ${out.ports.length} ports of entry on the Canada–U.S. border`);
