/**
 * The native dialogs the host services need, as an interface: electron/dialogs.ts implements it with
 * Electron's dialog module, and the tests with plain functions, so the handlers run without Electron.
 * Every method resolves to null (or []) when the user cancels.
 */
import type { FileFilter } from '../../shared/host/contract';

export interface Dialogs {
  /** A folder for a new workspace (the dialog may create one). */
  chooseNewWorkspaceFolder(): Promise<string | null>;
  /** A folder that holds a workspace. */
  chooseWorkspaceFolder(): Promise<string | null>;
  /** Files to import (absolute paths). */
  chooseFiles(options: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<string[]>;
  /** Where to save an export (absolute path). */
  chooseSavePath(options: { suggestedName: string; filters: FileFilter[] }): Promise<string | null>;
}
