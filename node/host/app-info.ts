/**
 * What the host tells the UI about itself and the analyst, and the actor that workspace changes are
 * recorded under (the same rule as the CLI: SIGWB_ANALYST, else the signed-in user).
 */
import os from 'node:os';
import type { AppInfo } from '../../shared/host/contract';
import type { Actor } from '../../shared/workspace/Workspace';

export const PRODUCT_NAME = 'Signature Workbench';

export interface HostFacts {
  version: string;
  platform?: NodeJS.Platform;
  arch?: string;
  env?: NodeJS.ProcessEnv;
  /** The signed-in user's name; os.userInfo() by default. */
  username?: () => string;
}

/** The analyst's name: SIGWB_ANALYST when set, else the signed-in user, else "unknown". */
export function analystName(env: NodeJS.ProcessEnv = process.env, username: () => string = () => os.userInfo().username): string {
  const fromEnv = env.SIGWB_ANALYST?.trim();
  if (fromEnv) return fromEnv;
  try {
    return username() || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function appInfo(facts: HostFacts): AppInfo {
  return {
    name: PRODUCT_NAME,
    version: facts.version,
    host: 'electron',
    platform: `${facts.platform ?? process.platform}-${facts.arch ?? process.arch}`,
    user: analystName(facts.env, facts.username),
  };
}

export function actorFor(facts: HostFacts): Actor {
  return { user: analystName(facts.env, facts.username), appVersion: facts.version };
}
