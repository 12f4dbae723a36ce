/** Canadian places and agencies the samples come from (coordinates of city centres, WGS 84). */

export interface Place {
  region: string;
  city: string;
  lat: number;
  lon: number;
  agencies: string[];
  /** Relative share of seizures (roughly the weight of the opioid market there). */
  weight: number;
}

export const PLACES: Place[] = [
  { region: 'British Columbia', city: 'Vancouver', lat: 49.2827, lon: -123.1207, weight: 9, agencies: ['Vancouver Police Department', 'RCMP E Division', 'CBSA Pacific Region'] },
  { region: 'British Columbia', city: 'Surrey', lat: 49.1913, lon: -122.849, weight: 4, agencies: ['Surrey Police Service', 'RCMP E Division'] },
  { region: 'British Columbia', city: 'Victoria', lat: 48.4284, lon: -123.3656, weight: 2, agencies: ['Victoria Police Department'] },
  { region: 'British Columbia', city: 'Kelowna', lat: 49.888, lon: -119.496, weight: 2, agencies: ['RCMP E Division'] },
  { region: 'British Columbia', city: 'Prince George', lat: 53.9171, lon: -122.7497, weight: 1, agencies: ['RCMP E Division'] },
  { region: 'Alberta', city: 'Calgary', lat: 51.0447, lon: -114.0719, weight: 5, agencies: ['Calgary Police Service', 'RCMP K Division'] },
  { region: 'Alberta', city: 'Edmonton', lat: 53.5461, lon: -113.4938, weight: 5, agencies: ['Edmonton Police Service', 'RCMP K Division'] },
  { region: 'Alberta', city: 'Lethbridge', lat: 49.6956, lon: -112.8451, weight: 1, agencies: ['Lethbridge Police Service'] },
  { region: 'Saskatchewan', city: 'Saskatoon', lat: 52.1579, lon: -106.6702, weight: 2, agencies: ['Saskatoon Police Service', 'RCMP F Division'] },
  { region: 'Saskatchewan', city: 'Regina', lat: 50.4452, lon: -104.6189, weight: 2, agencies: ['Regina Police Service'] },
  { region: 'Manitoba', city: 'Winnipeg', lat: 49.8951, lon: -97.1384, weight: 3, agencies: ['Winnipeg Police Service', 'RCMP D Division'] },
  { region: 'Ontario', city: 'Toronto', lat: 43.6532, lon: -79.3832, weight: 8, agencies: ['Toronto Police Service', 'CBSA Greater Toronto Area Region', 'RCMP O Division'] },
  { region: 'Ontario', city: 'Ottawa', lat: 45.4215, lon: -75.6972, weight: 3, agencies: ['Ottawa Police Service'] },
  { region: 'Ontario', city: 'Hamilton', lat: 43.2557, lon: -79.8711, weight: 3, agencies: ['Hamilton Police Service'] },
  { region: 'Ontario', city: 'London', lat: 42.9849, lon: -81.2453, weight: 2, agencies: ['London Police Service'] },
  { region: 'Ontario', city: 'Thunder Bay', lat: 48.3809, lon: -89.2477, weight: 2, agencies: ['Thunder Bay Police Service', 'Ontario Provincial Police'] },
  { region: 'Ontario', city: 'Sudbury', lat: 46.4917, lon: -80.993, weight: 1, agencies: ['Greater Sudbury Police Service', 'Ontario Provincial Police'] },
  { region: 'New Brunswick', city: 'Moncton', lat: 46.0878, lon: -64.7782, weight: 1, agencies: ['RCMP J Division'] },
  { region: 'Nova Scotia', city: 'Halifax', lat: 44.6488, lon: -63.5752, weight: 2, agencies: ['Halifax Regional Police'] },
  { region: 'Newfoundland and Labrador', city: "St. John's", lat: 47.5615, lon: -52.7126, weight: 1, agencies: ['Royal Newfoundland Constabulary'] },
  { region: 'Yukon', city: 'Whitehorse', lat: 60.7212, lon: -135.0568, weight: 1, agencies: ['RCMP M Division'] },
  { region: 'Northwest Territories', city: 'Yellowknife', lat: 62.454, lon: -114.3718, weight: 1, agencies: ['RCMP G Division'] },
];

/** Québec, written in its own lab's file (French, Windows-1252, decimal comma). */
export const QUEBEC: Place[] = [
  { region: 'Québec', city: 'Montréal', lat: 45.5019, lon: -73.5674, weight: 6, agencies: ['Service de police de la Ville de Montréal', 'Sûreté du Québec', 'ASFC Région du Québec'] },
  { region: 'Québec', city: 'Québec', lat: 46.8139, lon: -71.208, weight: 3, agencies: ['Service de police de la Ville de Québec', 'Sûreté du Québec'] },
  { region: 'Québec', city: 'Trois-Rivières', lat: 46.3432, lon: -72.5477, weight: 1, agencies: ['Sûreté du Québec'] },
  { region: 'Québec', city: 'Gatineau', lat: 45.4765, lon: -75.7013, weight: 1, agencies: ['Service de police de la Ville de Gatineau'] },
  { region: 'Québec', city: 'Lévis', lat: 46.8033, lon: -71.1779, weight: 1, agencies: ['Sûreté du Québec'] },
];
