import { describe, expect, it } from 'vitest';
import type { SamplePoints } from '../../../renderer/data/sample-points';
import { groupPlaces, placeLinks } from '../../../renderer/views/map/map-places';
import { portsOfEntry, usStates } from '../../../renderer/views/map/border-shapes';

function points(rows: [string, string | null, string | null, number | null, number | null, number | null, string][]): SamplePoints {
  return {
    ids: rows.map((r) => r[0]),
    city: rows.map((r) => r[1]),
    region: rows.map((r) => r[2]),
    lat: rows.map((r) => r[3]),
    lon: rows.map((r) => r[4]),
    classId: rows.map((r) => r[5]),
    seizureId: rows.map((r) => r[6]),
    caseId: rows.map(() => null),
    seizedOn: rows.map(() => null),
  };
}

const DATA = points([
  ['a', 'Windsor', 'Ontario', 42.3, -83.0, 1, 'S1'],
  ['b', 'Windsor', 'Ontario', 42.31, -83.01, 1, 'S1'],
  ['c', 'Windsor', 'Ontario', 42.3, -83.0, 2, 'S2'],
  ['d', 'Surrey', 'British Columbia', 49.19, -122.85, 1, 'S3'],
  ['e', 'Surrey', 'British Columbia', 49.19, -122.85, null, 'S4'],
  ['f', 'Halifax', 'NS', 44.65, -63.57, 2, 'S5'],
  ['g', null, null, null, null, 3, 'S6'],
]);

describe('seizures grouped per place', () => {
  it('groups by city and province, counts seizures, and shares classes largest first (no class last)', () => {
    const { places, unplaced } = groupPlaces(DATA, true, new Set([1, 2]));
    expect(unplaced).toBe(1);
    expect(places.map((p) => p.name)).toEqual(['Windsor, ON', 'Surrey, BC', 'Halifax, NS']);
    expect(places[0].samples).toHaveLength(3);
    expect(places[0].seizures).toBe(2);
    expect(places[0].classes).toEqual([[1, 2], [2, 1]]);
    expect(places[1].classes).toEqual([[1, 1], [0, 1]]);
  });

  it('puts everyone at the province when places are hidden', () => {
    const { places } = groupPlaces(DATA, false, new Set([1, 2]));
    expect(places.map((p) => p.name)).toEqual(['Ontario', 'British Columbia', 'Nova Scotia']);
  });

  it('joins the places that share a class, with the classes shared', () => {
    const { places } = groupPlaces(DATA, true, new Set([1, 2]));
    const links = placeLinks(places).map((l) => [places[l.a].name, places[l.b].name, l.classes]);
    expect(links).toEqual(expect.arrayContaining([['Windsor, ON', 'Surrey, BC', [1]], ['Windsor, ON', 'Halifax, NS', [2]]]));
    expect(links).toHaveLength(2);
  });
});

describe('the border shipped with the app', () => {
  it('has the northern U.S. states and the Canada–U.S. land ports of entry, on the border', () => {
    expect(usStates().map((s) => s.id)).toEqual(expect.arrayContaining(['AK', 'WA', 'MT', 'ND', 'MN', 'MI', 'NY', 'VT', 'ME']));
    const ports = portsOfEntry();
    expect(ports.length).toBeGreaterThan(70);
    expect(ports.find((p) => p.name === 'Blaine')?.state).toBe('WA');
    expect(ports.find((p) => p.code === '3801')?.name).toBe('Detroit');
  });
});
