/**
 * The shipped signature library (fentanyl and methamphetamine). Sources are those of ../shared/DOMAIN.md:
 * Vandeputte et al. 2021 (J Anal Toxicol 45), Allen et al. 1987 (J Forensic Sci 32), Cantrell et al. 1988,
 * Kunalan et al. 2009 (Anal Chem 81). The literature names the compounds and the routes they point to; it gives no
 * abundance thresholds that transfer between labs, so every threshold, strength and precursor proportion here is
 * marked an assumption, to be replaced by figures from the lab's own reference samples.
 */
import { LIBRARY_FORMAT, LIBRARY_VERSION, SignatureLibrary } from './signature-library';

const THRESHOLD_NOTE = 'The threshold is an assumption: the source reports the compound, not an abundance that transfers between labs.';
const RESIDUE_NOTE = 'Unreacted precursor of the route: expected from its chemistry, not a published marker; presence alone is weak evidence because precursors circulate between producers.';
const PROFILE_NOTE = 'Illustrative shares set from the route\'s chemistry, not measured; replace with the mean profile of the lab\'s reference samples of this route.';

export const DEFAULT_SIGNATURE_LIBRARY: SignatureLibrary = SignatureLibrary.parse({
  format: LIBRARY_FORMAT,
  schema_version: LIBRARY_VERSION,
  version: 'default-2026.12',
  evidence_scale: {
    weak: 0.5,
    moderate: 1,
    strong: 2,
    assumption: true,
    note: 'log10 weight of a rule at full abundance: weak ≈ LR 3, moderate ≈ LR 10, strong ≈ LR 100, placed on the ENFSI 2015 verbal scale\'s cut-points. Not measured: calibrate on reference samples before quoting these as likelihood ratios.',
  },
  drugs: [
    {
      drug: 'fentanyl',
      note: '4-ANPP is common to the Siegfried, Gupta and 4-AP routes (and a metabolite and degradation product), so it has no rule; nor has 4-piperidone, the one-pot starting material, which is also the precursor of NPP and may carry over into NPP-based routes. Marker→route links are configurable evidence with a confidence, not fact (Vandeputte et al. 2021).',
      routes: [
        {
          id: 'janssen', name: 'Janssen', synonyms: ['Janssen route'],
          description: 'Original route via 1-benzyl-4-piperidone, benzylfentanyl and norfentanyl, then phenethylation.',
          precursors: [{ compound: '1-benzyl-4-piperidone', proportion: 0.2 }, { compound: 'benzylfentanyl', proportion: 0.3 }, { compound: 'norfentanyl', proportion: 0.5 }],
          precursors_assumption: true, precursors_note: PROFILE_NOTE,
        },
        {
          id: 'siegfried', name: 'Siegfried', synonyms: ['Siegfried route'],
          description: 'NPP condensed with aniline and reduced to 4-ANPP, then propionylated.',
          precursors: [{ compound: 'NPP', proportion: 0.3 }, { compound: '4-ANPP', proportion: 0.7 }],
          precursors_assumption: true, precursors_note: PROFILE_NOTE,
        },
        {
          id: 'gupta', name: 'Gupta (one-pot)', synonyms: ['Gupta', 'one-pot', 'Gupta one-pot'],
          description: 'One-pot variant: 4-piperidone phenethylated to NPP, reductive amination with aniline and propionylation in one vessel.',
          precursors: [{ compound: 'NPP', proportion: 0.2 }, { compound: '4-ANPP', proportion: 0.8 }],
          precursors_assumption: true, precursors_note: PROFILE_NOTE,
        },
        {
          id: '4-ap', name: '4-AP route', synonyms: ['4-anilinopiperidine route'],
          description: 'From 4-AP (controlled since Nov 2022) by phenethylation to 4-ANPP, or propionylation to norfentanyl, then the other step.',
          precursors: [{ compound: '4-AP', proportion: 0.4 }, { compound: '4-ANPP', proportion: 0.3 }, { compound: 'norfentanyl', proportion: 0.3 }],
          precursors_assumption: true, precursors_note: PROFILE_NOTE,
        },
        {
          id: '1-boc-4-ap', name: '1-boc-4-AP route', synonyms: ['boc-4-AP route'],
          description: 'From 1-boc-4-AP (controlled since Nov 2022): propionylation, removal of the boc group to norfentanyl, phenethylation.',
          precursors: [{ compound: '1-boc-4-AP', proportion: 0.4 }, { compound: 'norfentanyl', proportion: 0.6 }],
          precursors_assumption: true, precursors_note: PROFILE_NOTE,
        },
      ],
      markers: [
        {
          id: 'phenethyl-4-anpp-gupta', compound: 'phenethyl-4-ANPP', routes: ['gupta'], min_fraction: 0.005, strength: 'moderate',
          source: 'Vandeputte et al. 2021, J Anal Toxicol 45', proposed: true, assumption: true,
          note: `Proposed to arise from one-pot routes run badly; first seen 2019, in 25 of 1,054 US cases (late 2019 – 2020). ${THRESHOLD_NOTE}`,
        },
        {
          id: 'benzylfentanyl-janssen', compound: 'benzylfentanyl', routes: ['janssen'], min_fraction: 0.01, strength: 'moderate',
          source: null, assumption: true,
          note: 'Penultimate intermediate of the Janssen route (debenzylated to norfentanyl, then phenethylated); also sold as a precursor, but whoever converts it runs the Janssen route\'s last steps, and no other route forms it. Moderate strength (LR ≈ 10 at 10 % of the impurity area) is an assumption; weak (LR ≈ 3) could never, alone, lift Janssen above the floor against four other routes. The threshold is an assumption too.',
        },
        {
          id: '1-benzyl-4-piperidone-janssen', compound: '1-benzyl-4-piperidone', routes: ['janssen'], min_fraction: 0.001, full_fraction: 0.01, strength: 'weak',
          source: null, assumption: true,
          note: `Starting material of the Janssen route, consumed in the next two steps: its residue sits at trace level (0.17–0.74 % of the impurity area in the bundled sample data, which is illustrative), so it counts from 0.1 %. ${RESIDUE_NOTE}`,
        },
        {
          id: '4-ap-residue', compound: '4-AP', routes: ['4-ap'], min_fraction: 0.01, strength: 'weak',
          source: null, assumption: true, note: RESIDUE_NOTE,
        },
        {
          id: '1-boc-4-ap-residue', compound: '1-boc-4-AP', routes: ['1-boc-4-ap'], min_fraction: 0.005, strength: 'moderate',
          source: null, assumption: true, note: `The boc-protected precursor belongs to this route only; moderate strength is an assumption. ${RESIDUE_NOTE}`,
        },
        {
          id: 'npp-residue', compound: 'NPP', routes: ['siegfried', 'gupta'], min_fraction: 0.01, strength: 'weak',
          source: null, assumption: true, note: RESIDUE_NOTE,
        },
      ],
    },
    {
      drug: 'methamphetamine',
      note: 'Kunalan et al. 2009 (Anal Chem 81) report impurities specific to the Leuckart and to the reductive-amination routes; only N-formylmethamphetamine is entered here. Add the others with the names and abundances of the paper before relying on the P2P routes\' separation.',
      routes: [
        {
          id: 'ephedrine-hi-red-p', name: 'Ephedrine reduction, HI/red P', synonyms: ['Nagai', 'HI/red-P', 'HI/red P', 'red P'],
          description: 'Ephedrine or pseudoephedrine reduced with hydriodic acid and red phosphorus.',
          precursors: [{ compound: 'ephedrine', proportion: 0.5 }, { compound: 'pseudoephedrine', proportion: 0.5 }],
          precursors_assumption: true, precursors_note: PROFILE_NOTE,
        },
        {
          id: 'ephedrine-emde', name: 'Ephedrine reduction via chloroephedrine (Emde)', synonyms: ['Emde'],
          description: 'Ephedrine or pseudoephedrine chlorinated to chloro(pseudo)ephedrine, then hydrogenated.',
          precursors: [{ compound: 'ephedrine', proportion: 0.5 }, { compound: 'pseudoephedrine', proportion: 0.5 }],
          precursors_assumption: true, precursors_note: PROFILE_NOTE,
        },
        {
          id: 'p2p-leuckart', name: 'P2P, Leuckart', synonyms: ['Leuckart'],
          description: 'P2P with N-methylformamide (or formic acid and methylamine) to N-formylmethamphetamine, then hydrolysis.',
          precursors: [{ compound: 'P2P', proportion: 1 }],
          precursors_assumption: true, precursors_note: PROFILE_NOTE,
        },
        {
          id: 'p2p-reductive-amination', name: 'P2P, reductive amination', synonyms: ['reductive amination'],
          description: 'P2P with methylamine and a reducing agent (Al/Hg, NaBH4, catalytic hydrogenation).',
          precursors: [{ compound: 'P2P', proportion: 1 }],
          precursors_assumption: true, precursors_note: PROFILE_NOTE,
        },
      ],
      markers: [
        {
          id: 'n-formylmethamphetamine-leuckart', compound: 'N-formylmethamphetamine', routes: ['p2p-leuckart'], min_fraction: 0.05, full_fraction: 0.3, strength: 'moderate',
          source: 'Kunalan et al. 2009, Anal Chem 81', assumption: true,
          note: `The Leuckart intermediate; it also forms in other routes, so its abundance, not its presence, points to Leuckart. ${THRESHOLD_NOTE}`,
        },
        ...['cis', 'trans'].map((form) => ({
          id: `${form}-aziridine-ephedrine`, compound: `${form}-1,2-dimethyl-3-phenylaziridine`, routes: ['ephedrine-hi-red-p', 'ephedrine-emde'],
          min_fraction: 0.005, strength: 'moderate', source: 'Allen et al. 1987, J Forensic Sci 32', assumption: true, note: THRESHOLD_NOTE,
        })),
        ...['chloroephedrine', 'chloropseudoephedrine'].map((compound) => ({
          id: `${compound}-ephedrine`, compound, routes: ['ephedrine-hi-red-p', 'ephedrine-emde'],
          min_fraction: 0.005, strength: 'moderate', source: 'Allen et al. 1987, J Forensic Sci 32', assumption: true,
          note: `Intermediate of ephedrine reductions via a halo-ephedrine. ${THRESHOLD_NOTE}`,
        })),
        ...['1-benzyl-3-methylnaphthalene', '1,3-dimethyl-2-phenylnaphthalene'].map((compound) => ({
          id: `${compound.replace(/,/g, '')}-hi-red-p`, compound, routes: ['ephedrine-hi-red-p'],
          min_fraction: 0.002, strength: 'moderate', source: 'Cantrell et al. 1988', assumption: true, note: THRESHOLD_NOTE,
        })),
        ...['ephedrine', 'pseudoephedrine'].map((compound) => ({
          id: `${compound}-residue`, compound, routes: ['ephedrine-hi-red-p', 'ephedrine-emde'], min_fraction: 0.01, strength: 'weak',
          source: null, assumption: true, note: RESIDUE_NOTE,
        })),
        {
          id: 'p2p-residue', compound: 'P2P', routes: ['p2p-leuckart', 'p2p-reductive-amination'], min_fraction: 0.01, strength: 'weak',
          source: null, assumption: true, note: RESIDUE_NOTE,
        },
      ],
    },
  ],
});
