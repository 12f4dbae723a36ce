/**
 * One-way events from the host to the UI (the other direction from contract.ts, whose channels are calls
 * from the UI). The Electron main process validates an event with these schemas before it sends it, and the
 * preload validates it again before it reaches the UI's callback, so that a callback never sees anything
 * outside the enum.
 */
import { z } from 'zod';

/** The application menu's commands that the UI carries out (Quit, Edit and zoom are handled by the host). */
export const MenuAction = z.enum([
  'new-workspace',
  'open-workspace',
  'import-files',
  'export',
  'toggle-theme',
  'about',
]);
export type MenuAction = z.infer<typeof MenuAction>;

/** Every host event: its channel name and its payload schema. */
export const hostEvents = {
  'menu:action': z.object({ action: MenuAction }),
} as const;

export type HostEventChannel = keyof typeof hostEvents;
export type HostEventPayload<E extends HostEventChannel> = z.infer<(typeof hostEvents)[E]>;

/** Validates an event payload; throws a ZodError naming the bad field. */
export function parseHostEvent<E extends HostEventChannel>(channel: E, payload: unknown): HostEventPayload<E> {
  return hostEvents[channel].parse(payload) as HostEventPayload<E>;
}

/**
 * The host's event subscriptions as the UI sees them (the Electron preload exposes these on `window.sigwb`
 * beside the contract's named methods; a browser host implements them over its own menu, if any).
 * Each returns its unsubscribe function.
 */
export interface HostEvents {
  onMenuAction(callback: (action: MenuAction) => void): () => void;
}
