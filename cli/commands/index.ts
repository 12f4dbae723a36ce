/**
 * Every CLI command, in the order `sigwb --help` lists them, each loaded only when it runs: the compiled CLI
 * (scripts/build-cli.mjs splits the bundle at these imports) then compiles one command's code, not all 21, which is
 * most of `sigwb query "select 1"`'s start-up time (issue 15: ≤ 0.3 CPU-s; `npm run bench -- scale-startup`).
 */
import type { CliCommand } from '../command';

type Loader = () => Promise<CliCommand[]>;

const MODULES: [names: string[], load: Loader][] = [
  [['init'], async () => [(await import('./init')).initCommand]],
  [['import'], async () => [(await import('./import')).importCommand]],
  [['query'], async () => [(await import('./query')).queryCommand]],
  [['export', 'report'], async () => { const m = await import('./export'); return [m.exportCommand, m.reportCommand]; }],
  [['calibrate'], async () => [(await import('./calibrate')).calibrateCommand]],
  [['validate'], async () => [(await import('./validate')).validateCommand]],
  [['cluster'], async () => [(await import('./cluster')).clusterCommand]],
  [['attribute'], async () => [(await import('./attribute')).attributeCommand]],
  [['verify'], async () => [(await import('./verify')).verifyCommand]],
  [['check'], async () => [(await import('./check')).checkCommand]],
  [['dictionary'], async () => [(await import('./dictionary')).dictionaryCommand]],
  [['vocabulary'], async () => [(await import('./vocabulary')).vocabularyCommand]],
  [['links'], async () => [(await import('./links')).linksCommand]],
  [['keys'], async () => [(await import('./keys')).keysCommand]],
  [['trust'], async () => [(await import('./trust')).trustCommand]],
  [['share'], async () => [(await import('./share')).shareCommand]],
  [['receive'], async () => [(await import('./receive')).receiveCommand]],
  [['publish', 'pull', 'store'], async () => { const m = await import('./store'); return [m.publishCommand, m.pullCommand, m.storeCommand]; }],
];

/** The command of that name (its module loaded now), or undefined for a name no command has. */
export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  const entry = MODULES.find(([names]) => names.includes(name));
  return entry ? (await entry[1]()).find((c) => c.name === name) : undefined;
}

/** Every command, in help order (loads them all: for `sigwb --help` and an unknown command's message). */
export async function loadAllCommands(): Promise<CliCommand[]> {
  return (await Promise.all(MODULES.map(([, load]) => load()))).flat();
}
