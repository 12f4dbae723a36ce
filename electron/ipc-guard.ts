/**
 * The checks every IPC call passes before a host service sees it, as plain functions (no Electron import)
 * so that they are tested directly: the sender must be the workbench window's main frame showing
 * app://workbench, and the request must match its channel's zod schema. The reply is checked against the
 * contract too, so that a service bug surfaces here rather than as a confusing error in the UI.
 */
import { z } from 'zod';
import { isChannel, parseReply, parseRequest, type Channel, type Host, type HostReply } from '../shared/host/contract';
import { isAppUrl } from '../node/host/app-protocol';

/** What electron/ipc.ts reads off an IpcMainInvokeEvent. */
export interface SenderFacts {
  /** The id of the WebContents that sent the message. */
  webContentsId: number;
  /** Whether the sending frame is its page's main frame (not an iframe). */
  isMainFrame: boolean;
  /** The sending frame's URL; null when the frame has gone (navigated away or destroyed). */
  frameUrl: string | null;
}

/** A refused message: the UI gets this message, the main process logs it. */
export class IpcRejection extends Error {
  override name = 'IpcRejection';
}

/** Why a sender may not call the host, or null when it may. `windowId` is the workbench window's WebContents id. */
export function senderProblem(sender: SenderFacts, windowId: number | null): string | null {
  if (windowId === null || sender.webContentsId !== windowId) return 'sender is not the workbench window';
  if (!sender.isMainFrame) return 'sender is not the main frame';
  if (sender.frameUrl === null) return 'sender frame has gone';
  if (!isAppUrl(sender.frameUrl)) return `sender frame is not the workbench (${truncate(sender.frameUrl)})`;
  return null;
}

export interface DispatchContext {
  windowId: number | null;
  handlers: Host;
  log: (message: string) => void;
}

/**
 * Checks one call and runs its handler: unknown channel, foreign sender or invalid request → IpcRejection
 * (logged); a handler's own error is logged and passed on with its message only.
 */
export async function dispatch<C extends Channel>(channel: C, request: unknown, sender: SenderFacts, ctx: DispatchContext): Promise<HostReply<C>> {
  if (!isChannel(channel)) throw reject(ctx, `unknown channel ${truncate(String(channel))}`);
  const problem = senderProblem(sender, ctx.windowId);
  if (problem) throw reject(ctx, `${channel} refused: ${problem}`);
  let checked: unknown;
  try {
    checked = parseRequest(channel, request);
  } catch (e) {
    throw reject(ctx, `${channel} refused: invalid request: ${describe(e)}`);
  }
  let reply: unknown;
  try {
    reply = await (ctx.handlers[channel] as (r: unknown) => Promise<unknown>)(checked);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ctx.log(`${channel} failed: ${message}`);
    throw new Error(message, { cause: e });
  }
  try {
    return parseReply(channel, reply);
  } catch (e) {
    ctx.log(`${channel} produced a reply outside the contract: ${describe(e)}`);
    throw new Error(`${channel}: the host produced an invalid reply`, { cause: e });
  }
}

function reject(ctx: DispatchContext, message: string): IpcRejection {
  ctx.log(message);
  return new IpcRejection(message);
}

/** A zod error as "field: message; field: message" (the request's values are never echoed). */
function describe(e: unknown): string {
  if (e instanceof z.ZodError) {
    return e.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.join('.') : '(request)'}: ${i.message}`)
      .join('; ');
  }
  return e instanceof Error ? e.message : String(e);
}

function truncate(s: string): string {
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}
