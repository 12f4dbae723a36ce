/**
 * The steps of opening a workspace as User Timing marks (`sigwb:open:<step>`), so that a benchmark or a profile can
 * say where the time from the click on Open to a usable view goes (bench/app-reopen.ts reads them with
 * `performance.getEntriesByType('mark')`). A mark is a timestamp in the page's timeline: nothing is logged, nothing
 * waits on it. Each open clears the marks of the one before, so the timeline holds the latest open's steps.
 */

/** Every step, in the order an open passes them (the Home and Samples steps come as those views draw). */
export const OPEN_STEPS = [
  'start', // Open clicked (before the host's folder dialog)
  'chosen', // the host answered with the workspace
  'workspace-read', // manifest and audit chain read and checked
  'dictionary-read', // compound dictionary and vocabularies read
  'engine-ready', // duckdb-wasm started (it starts with the window)
  'engine-file-asked', // the app's engine file asked of the host
  'engine-file-received', // its bytes held by the page
  'engine-file-registered', // its bytes handed to the engine's worker
  'engine-file-attached', // ATTACHed read-only
  'batches-defined', // every batch's tables defined (from the engine file or loaded)
  'views-defined', // the workspace views defined (kept materialised or computed)
  'opened', // the open workspace handed to the screens
  'home-counts', // Home's figures read
  'analysis-start', // the views' tables begun (calibration and class run read, the signature tables' key computed)
  'signature-tables-asked', // their kept bundle asked of the host
  'signature-tables-received', // their kept bundle held by the page (or none)
  'signature-tables-inserted', // the kept tables inserted
  'signature-tables-computed', // or computed, when none were kept
  'analysis-ready', // the views can draw from them
  'samples-filter-options', // the Samples view's filter options read
] as const;

export type OpenStep = (typeof OPEN_STEPS)[number];

/** The prefix of every open mark's name. */
export const OPEN_MARK = 'sigwb:open:';

/** Marks a step of the open under way. */
export function markOpen(step: OpenStep): void {
  performance.mark(`${OPEN_MARK}${step}`);
}

/** The mark of the window's engine start (before any open: it starts with the window). */
export const ENGINE_STARTED_MARK = 'sigwb:engine:started';

/** Marks the start of an open, clearing the marks of the one before. */
export function markOpenStart(): void {
  for (const step of OPEN_STEPS) performance.clearMarks(`${OPEN_MARK}${step}`);
  markOpen('start');
}
