// Types for scripts/electron-runtime.mjs, for the TypeScript tests that use it.
export function electronPackageDir(): string;
export function locateElectron(options?: { dir?: string; env?: NodeJS.ProcessEnv }): { path: string | null; expected: string; reason: string | null };
export function downloadElectron(options?: {
  dir?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  installScript?: string;
}): Promise<{ ok: boolean; reason: string | null }>;
export function displayProblem(options?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform }): string | null;
export function launchElectron(
  binary: string,
  args: string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv; earlyExitMs?: number },
): Promise<{ started: true; code: number } | { started: false; reason: string }>;
export function couldNotStartMessage(reason: string): string;
export function buildIsStale(root: string): boolean;
