/**
 * The sensitivity label every export carries. The Government of Canada's markings are offered as defaults
 * (Policy on Government Security, Directive on Security Management, Appendix J: standard on security
 * categorization); a lab under another scheme types its own. Seizure and case data are normally
 * PROTECTED B, so the command line defaults to it when no label is given: too high a label is the safer error.
 */
import { z } from 'zod';
import { ExportError } from './export-error';

export const DEFAULT_SENSITIVITY_LABELS = ['UNCLASSIFIED', 'PROTECTED A', 'PROTECTED B'] as const;

/** The label used when none is given (the highest of the defaults). */
export const FALLBACK_SENSITIVITY_LABEL = 'PROTECTED B';

/** A label as printed on every page and in every manifest: one line of visible text, 1–80 characters. */
export const SensitivityLabel = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'a sensitivity label is required (e.g. PROTECTED B)')
      .max(80, 'a sensitivity label is at most 80 characters')
      .regex(/^[^\p{Cc}\p{Cf}\u2028\u2029]+$/u, 'a sensitivity label is visible text on one line'),
  );

/** Normalises a label (trimmed, single spaces); throws ExportError when it is empty or not one line of text. */
export function parseSensitivityLabel(text: string): string {
  const parsed = SensitivityLabel.safeParse(text);
  if (!parsed.success) throw new ExportError(parsed.error.issues[0].message);
  return parsed.data;
}
