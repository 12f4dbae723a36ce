import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../../shared/attribution/default-library';
import { csvCells, parseReferenceCsv, ReferenceFileError } from '../../../shared/attribution/reference-csv';

const lib = DEFAULT_SIGNATURE_LIBRARY;
const problems = (text: string, drug?: string): string[] => {
  try {
    parseReferenceCsv('refs.csv', text, lib, drug);
  } catch (e) {
    if (e instanceof ReferenceFileError) return [...e.problems];
    throw e;
  }
  return [];
};

describe('reference file', () => {
  it('reads sample_id, route and an optional source; routes by id, name or synonym', () => {
    const rows = parseReferenceCsv('refs.csv', '\ufeffSample_ID,Route,Source\r\nS1,Gupta,Lab A\r\nS2,janssen,\r\n"S,3","Siegfried route","Lab ""B"""\r\n\r\n', lib);
    expect(rows).toEqual([
      { sampleId: 'S1', drug: 'fentanyl', route: 'gupta', source: 'Lab A', where: 'refs.csv:2' },
      { sampleId: 'S2', drug: 'fentanyl', route: 'janssen', source: null, where: 'refs.csv:3' },
      { sampleId: 'S,3', drug: 'fentanyl', route: 'siegfried', source: 'Lab "B"', where: 'refs.csv:4' },
    ]);
    expect(parseReferenceCsv('r.csv', 'sample_id;route\nM1;Leuckart\n', lib)[0]).toMatchObject({ drug: 'methamphetamine', route: 'p2p-leuckart' });
  });

  it('reports every problem as file:line:column', () => {
    const text = 'sample_id,route,source\nS1,Gupta,A\nS1,Janssen,B\n,Gupta,C\nS4,,D\nS5,Nagoya,E\nS6,Gupta,F,extra\n';
    expect(problems(text)).toEqual([
      'refs.csv:3:1: sample S1 is already listed at refs.csv:2',
      'refs.csv:4:1: sample_id is empty',
      'refs.csv:5:4: route is empty for sample S4',
      'refs.csv:6:4: route "Nagoya" is not in the signature library (known: janssen, siegfried, gupta, 4-ap, 1-boc-4-ap, ephedrine-hi-red-p, ephedrine-emde, p2p-leuckart, p2p-reductive-amination); add it to the library first',
      'refs.csv:7:12: 4 fields but the header has 3',
    ]);
  });

  it('checks routes against one drug when asked', () => {
    expect(problems('sample_id,route\nM1,Leuckart\n', 'fentanyl')[0]).toMatch(/^refs\.csv:2:4: route "Leuckart" is not in the signature library for fentanyl/);
    expect(problems('sample_id,route\nM1,Leuckart\n', 'cocaine')).toEqual(['refs.csv: the signature library has no routes for cocaine']);
  });

  it('refuses a file without the needed columns, rows, or a closed quote', () => {
    expect(problems('id,route\nS1,Gupta\n')).toEqual(['refs.csv:1:1: missing column "sample_id" (header: id, route)']);
    expect(problems('')).toEqual(['refs.csv:1:1: the file is empty; expected a header sample_id,route[,source]']);
    expect(problems('sample_id,route\n')).toEqual(['refs.csv:2:1: no reference samples under the header']);
    expect(problems('sample_id,route\nS1,"Gupta\n')).toEqual(['refs.csv:2:4: a quoted field is not closed']);
  });

  it('tracks lines through quoted line breaks', () => {
    const cells = csvCells('a,"x\ny",b\nc,d\n', ',');
    expect(cells.map((r) => r.map((c) => [c.text, c.line, c.column]))).toEqual([
      [['a', 1, 1], ['x\ny', 1, 3], ['b', 2, 4]],
      [['c', 3, 1], ['d', 3, 3]],
    ]);
  });
});
