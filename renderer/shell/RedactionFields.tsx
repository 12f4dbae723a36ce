/**
 * The two choices every output that leaves the workbench makes (Export, Report): the redaction profile (fixed to the
 * active one in investigator mode) and the sensitivity label, with the usual labels offered.
 */
import { useId } from 'react';
import { DEFAULT_SENSITIVITY_LABELS } from '../../shared/exporting/sensitivity-label';
import type { RedactionProfiles } from '../../shared/exporting/redaction';

export function RedactionFields(props: {
  profiles: RedactionProfiles;
  profile: string;
  onProfile: (name: string) => void;
  label: string;
  onLabel: (label: string) => void;
  /** Investigator mode: the active profile only. */
  locked: boolean;
  /** Prefix of the fields' test ids (`<prefix>-profile`, `<prefix>-label`); none when omitted. */
  testIdPrefix?: string;
}) {
  const id = useId();
  const t = (name: string) => (props.testIdPrefix ? `${props.testIdPrefix}-${name}` : undefined);
  return (
    <>
      <label>
        Redaction profile
        <select value={props.profile} onChange={(e) => props.onProfile(e.target.value)} disabled={props.locked} data-testid={t('profile')}>
          {props.profiles.profiles.map((p) => (
            <option key={p.name} value={p.name} title={p.description}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sensitivity label
        <input list={`${id}-labels`} value={props.label} onChange={(e) => props.onLabel(e.target.value)} data-testid={t('label')} />
        <datalist id={`${id}-labels`}>
          {DEFAULT_SENSITIVITY_LABELS.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
      </label>
    </>
  );
}
