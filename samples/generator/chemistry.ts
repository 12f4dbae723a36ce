/**
 * The chemistry the generator draws from: fentanyl synthesis routes with their marker abundances, and
 * the adulterants and diluents added at distribution. Abundances are log10 of the peak area relative to
 * fentanyl's, with the probability that a source made by the route shows the marker at all. The shapes
 * follow the literature (../../shared/DOMAIN.md): benzylfentanyl and norfentanyl for Janssen, NPP and
 * 1-phenethylpiperidin-4-ol for Siegfried, phenethyl-4-ANPP and 4-piperidone for one-pot (Gupta) routes
 * (Vandeputte et al. 2021); the numbers are illustrative, not measured.
 */

export const ROUTES = ['Janssen', 'Siegfried', 'Gupta'] as const;
export type Route = (typeof ROUTES)[number];

export interface Marker {
  /** Name as the GC-MS method's compound table writes it. */
  name: string;
  /** Retention time, minutes. */
  rt: number;
  /** Per route: [mean log10 area relative to fentanyl, probability a source shows it]; absent routes omitted. */
  routes: Partial<Record<Route, [number, number]>>;
}

export const MARKERS: Marker[] = [
  { name: '4-ANPP', rt: 12.95, routes: { Janssen: [-2.2, 1], Siegfried: [-1.3, 1], Gupta: [-1.6, 1] } },
  { name: 'NPP', rt: 9.87, routes: { Janssen: [-4.2, 0.1], Siegfried: [-2.4, 0.95], Gupta: [-2.8, 0.8] } },
  { name: 'Norfentanyl', rt: 10.92, routes: { Janssen: [-1.9, 1], Siegfried: [-3.4, 0.4], Gupta: [-3.2, 0.5] } },
  { name: 'Benzylfentanyl', rt: 13.64, routes: { Janssen: [-2.3, 0.95] } },
  { name: '1-Benzyl-4-piperidone', rt: 8.74, routes: { Janssen: [-3.4, 0.6] } },
  { name: 'Acetylfentanyl', rt: 13.82, routes: { Janssen: [-2.9, 0.7], Siegfried: [-2.9, 0.7], Gupta: [-2.9, 0.7] } },
  { name: 'Phenethyl-4-ANPP', rt: 16.35, routes: { Siegfried: [-3.8, 0.15], Gupta: [-2.5, 0.85] } },
  { name: 'Ethyl-4-ANPP', rt: 11.48, routes: { Janssen: [-3.6, 0.3], Siegfried: [-3.5, 0.3], Gupta: [-2.9, 0.7] } },
  { name: 'N-Phenylpropanamide', rt: 6.21, routes: { Janssen: [-2.5, 0.9], Siegfried: [-2.2, 0.9], Gupta: [-2.0, 0.95] } },
  { name: 'Aniline', rt: 3.12, routes: { Janssen: [-2.8, 0.8], Siegfried: [-3.0, 0.6], Gupta: [-2.6, 0.8] } },
  { name: '4-Piperidone', rt: 2.85, routes: { Gupta: [-3.1, 0.7] } },
  { name: 'Phenethyl alcohol', rt: 4.05, routes: { Janssen: [-3.5, 0.3], Siegfried: [-3.0, 0.6], Gupta: [-2.7, 0.8] } },
  { name: '1-Phenethylpiperidin-4-ol', rt: 9.42, routes: { Siegfried: [-2.7, 0.8], Gupta: [-3.0, 0.6] } },
];

export const FENTANYL = { name: 'Fentanyl', rt: 14.21 };
export const INTERNAL_STANDARD = { name: 'Fentanyl-D5', rt: 14.18 };
/** A peak the method does not identify: imported as "unassigned" for the analyst to map. */
export const UNKNOWN_PEAK = { name: 'Unknown 14.62', rt: 14.62 };

/**
 * Spread (log10) between sources of one route, between production batches of a source, between seizures of a batch
 * (off by default: the bundled set has none) and between samples of a seizure.
 */
export const SPREAD = { source: 0.35, batch: 0.12, seizure: 0, sample: 0.05 };

/** Peak areas below this are not detected (counts). */
export const LOD_AREA = 1500;

/** Adulterants and diluents screened by LC-MS (the wide file), with how often a distributor uses them (east, west). */
export const CUTS: { name: string; east: number; west: number; percent: [number, number] }[] = [
  { name: 'Xylazine', east: 0.55, west: 0.15, percent: [2, 25] },
  { name: 'Caffeine', east: 0.5, west: 0.5, percent: [1, 30] },
  { name: 'Acetaminophen', east: 0.2, west: 0.15, percent: [5, 40] },
  { name: '4-MAAP', east: 0.2, west: 0.25, percent: [1, 10] },
  { name: 'Bromazolam', east: 0.15, west: 0.2, percent: [0.5, 3] },
  { name: 'Lidocaine', east: 0.1, west: 0.08, percent: [1, 15] },
  { name: 'Mannitol', east: 0.45, west: 0.5, percent: [20, 70] },
  { name: 'Erythritol', east: 0.3, west: 0.3, percent: [20, 70] },
];

export const EAST = new Set(['Ontario', 'Québec', 'New Brunswick', 'Nova Scotia', 'Newfoundland and Labrador']);
