/** An export the workbench refuses, with a message for the analyst (unknown case, empty selection, bad label …). */
export class ExportError extends Error {
  override name = 'ExportError';
}
