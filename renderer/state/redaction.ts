/**
 * Investigator mode's column rule: the columns the active redaction profile (shared/exporting/redaction.ts)
 * does not allow are hidden in every table and view. Outside investigator mode every column shows.
 * Derived columns of the workbench (signature, class, route) stay: they are what investigators come for.
 */
import { useEffect, useMemo, useState } from 'react';
import { allows, DEFAULT_REDACTION_PROFILES, findProfile, loadRedactionProfiles, type RedactionProfile, type RedactionProfiles } from '../../shared/exporting/redaction';
import { usePreferences } from './preferences';
import type { OpenWorkspace } from './workbench';

export const DERIVED_COLUMNS = ['signature', 'class_id', 'route'];

export interface ColumnRule {
  /** The profile in force, or null outside investigator mode. */
  profile: RedactionProfile | null;
  profiles: RedactionProfiles;
  visible(column: string): boolean;
}

/** The column rule for this workspace and the person's preferences. */
export function useColumnRule(session: OpenWorkspace | null): ColumnRule {
  const { investigator, profile: name } = usePreferences();
  const [profiles, setProfiles] = useState<RedactionProfiles>(DEFAULT_REDACTION_PROFILES);
  useEffect(() => {
    if (!session) return;
    // A broken saved set falls back to the shipped defaults, which hide more rather than less.
    loadRedactionProfiles(session.ws).then(setProfiles, () => setProfiles(DEFAULT_REDACTION_PROFILES));
  }, [session]);
  return useMemo(() => {
    if (!investigator) return { profile: null, profiles, visible: () => true };
    let profile: RedactionProfile;
    try {
      profile = findProfile(profiles, name);
    } catch {
      // An unknown name (a profile deleted since) falls back to the strictest shipped profile.
      profile = findProfile(DEFAULT_REDACTION_PROFILES, 'external-partner');
    }
    return { profile, profiles, visible: (c: string) => DERIVED_COLUMNS.includes(c) || allows(profile, c) };
  }, [investigator, name, profiles]);
}
