/**
 * The host contract: every call between the workbench UI and its host (the Electron main process, or the
 * browser host in web mode). Each channel has a zod schema for its request and its reply; the types come
 * from z.infer. The Electron preload exposes these as named methods only, and the main process validates
 * every message against these schemas before it acts (see electron/ipc.ts).
 */
import { z } from 'zod';
import { LockInfoV1 } from '../workspace/lock';
import { workspaceRelativePath } from '../workspace/paths';

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes (Uint8Array)' });

/** A workspace the host has opened for this window, named by an opaque handle (never a raw path). */
export const WorkspaceRef = z.object({
  handle: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  /** Where it lives, for display only (a folder path on the desktop, "browser storage" on the web). */
  location: z.string().max(4096),
});
export type WorkspaceRef = z.infer<typeof WorkspaceRef>;

export const FileFilter = z.object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[a-z0-9*]{1,10}$/i)).max(20) });
export type FileFilter = z.infer<typeof FileFilter>;

export const PickedFile = z.object({ name: z.string().min(1).max(1024), bytes });
export type PickedFile = z.infer<typeof PickedFile>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  platform: z.string(),
  user: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** The lab's signing key for exchange packages as the UI sees it: its public half only (shared/sharing/signing.ts). */
export const LabKeyInfo = z.object({ lab: z.string().min(1).max(200), public_key: z.string().max(100), fingerprint: z.string().regex(/^[0-9a-f]{64}$/), created_at: z.string().max(40) });
export type LabKeyInfo = z.infer<typeof LabKeyInfo>;

/** Every channel: its request and reply schemas. Channel names are the IPC channel names. */
export const channels = {
  'app:info': { request: z.object({}), reply: AppInfo },
  'workspace:create': { request: z.object({ name: z.string().min(1).max(200).optional() }), reply: WorkspaceRef.nullable() },
  'workspace:open': { request: z.object({ handle: z.string().max(200).optional() }), reply: WorkspaceRef.nullable() },
  'workspace:recent': { request: z.object({}), reply: z.array(WorkspaceRef) },
  'workspace:list-files': {
    request: z.object({ handle: z.string(), dir: workspaceRelativePath }),
    reply: z.array(z.string()),
  },
  'workspace:read-file': {
    request: z.object({ handle: z.string(), path: workspaceRelativePath }),
    reply: bytes.nullable(),
  },
  'workspace:entries': {
    request: z.object({ handle: z.string(), dir: workspaceRelativePath }),
    reply: z.array(z.string()),
  },
  /**
   * The workspace lock (shared/workspace/lock.ts): `held` with the lock's token, or `busy` naming its holder. Every
   * write below carries the token and is refused without the one the host holds: one writer at a time, in the app
   * as in the CLI.
   */
  'workspace:lock': {
    request: z.object({ handle: z.string(), command: z.string().min(1).max(200), wait: z.boolean().optional() }),
    reply: z.union([z.object({ held: LockInfoV1 }), z.object({ busy: LockInfoV1 })]),
  },
  'workspace:lock-held': { request: z.object({ handle: z.string(), token: z.string().max(100) }), reply: z.boolean() },
  'workspace:unlock': { request: z.object({ handle: z.string(), token: z.string().max(100) }), reply: z.object({ ok: z.literal(true) }) },
  'workspace:lock-holder': { request: z.object({ handle: z.string() }), reply: LockInfoV1.nullable() },
  /** Atomic replace; refused for the audit log (append only) and the lock file. */
  'workspace:write-file': {
    request: z.object({ handle: z.string(), token: z.string().max(100), path: workspaceRelativePath, bytes }),
    reply: z.object({ ok: z.literal(true) }),
  },
  /** Append and flush: the audit log only. */
  'workspace:append-file': {
    request: z.object({ handle: z.string(), token: z.string().max(100), path: workspaceRelativePath, bytes }),
    reply: z.object({ ok: z.literal(true) }),
  },
  /** Recovery's steps; refused for the manifest, the audit log and the lock file. */
  'workspace:remove-file': {
    request: z.object({ handle: z.string(), token: z.string().max(100), path: workspaceRelativePath }),
    reply: z.object({ ok: z.literal(true) }),
  },
  'workspace:move-file': {
    request: z.object({ handle: z.string(), token: z.string().max(100), from: workspaceRelativePath, to: workspaceRelativePath }),
    reply: z.object({ ok: z.literal(true) }),
  },
  /**
   * The app's engine file (engine/workspace.duckdb, shared/db/workspace-engine-cache.ts) as it is on disk, or null
   * when the host keeps none (the web build) or it is missing. The renderer uses a batch from it only when its stamp
   * names the manifest's SHA-256 of the batch.
   */
  'workspace:engine-file': {
    request: z.object({ handle: z.string() }),
    reply: bytes.nullable(),
  },
  /**
   * Brings the app's engine file up to date with the workspace's manifest on disk (the host builds it from the
   * workspace's own files, never from the renderer's). `built`: whether it was written anew; false when it was up to
   * date or the host keeps none.
   */
  'workspace:engine-refresh': {
    request: z.object({ handle: z.string() }),
    reply: z.object({ built: z.boolean() }),
  },
  /**
   * The app's view tables kept between opens (renderer/data/ui-tables-cache.ts): engine/view-<key>.tables, or null.
   * Written by the app itself and read only by it (never by the CLI or a report), without the lock: a cache.
   */
  'workspace:view-cache': {
    request: z.object({ handle: z.string(), key: z.string().regex(/^[0-9a-f]{64}$/) }),
    reply: bytes.nullable(),
  },
  /** Keeps the app's view tables under `key`, replacing any kept under another key. */
  'workspace:view-cache-save': {
    request: z.object({ handle: z.string(), key: z.string().regex(/^[0-9a-f]{64}$/), bytes }),
    reply: z.object({ ok: z.literal(true) }),
  },
  'dialog:open-files': {
    request: z.object({ title: z.string().max(200), filters: z.array(FileFilter).max(20), multiple: z.boolean() }),
    reply: z.array(PickedFile),
  },
  'dialog:save-file': {
    request: z.object({ suggestedName: z.string().min(1).max(255), filters: z.array(FileFilter).max(20), bytes }),
    reply: z.object({ saved: z.boolean(), location: z.string().max(4096).optional() }),
  },
  'export:print-pdf': {
    request: z.object({ html: z.string().max(200_000_000) }),
    reply: bytes,
  },
  /** The lab's key (null: none yet); with `lab`, made on first use. The private key stays with the host. */
  'sharing:lab-key': { request: z.object({ lab: z.string().min(1).max(200).optional() }), reply: LabKeyInfo.nullable() },
  /** The lab's Ed25519 signature of a package manifest or a pseudonym's input, and of nothing else (exchange-package.ts signable). */
  'sharing:sign': { request: z.object({ bytes }), reply: bytes },
} as const;

export type Channel = keyof typeof channels;
export type HostRequest<C extends Channel> = z.infer<(typeof channels)[C]['request']>;
export type HostReply<C extends Channel> = z.infer<(typeof channels)[C]['reply']>;

/** The host as the UI sees it: one async method per channel. */
export type Host = { [C in Channel]: (request: HostRequest<C>) => Promise<HostReply<C>> };

/** Method names the Electron preload exposes on `window.sigwb` (camel-cased channel names). */
export const methodNames: Record<Channel, string> = {
  'app:info': 'appInfo',
  'workspace:create': 'createWorkspace',
  'workspace:open': 'openWorkspace',
  'workspace:recent': 'recentWorkspaces',
  'workspace:list-files': 'listWorkspaceFiles',
  'workspace:read-file': 'readWorkspaceFile',
  'workspace:entries': 'workspaceEntries',
  'workspace:lock': 'lockWorkspace',
  'workspace:lock-held': 'workspaceLockHeld',
  'workspace:unlock': 'unlockWorkspace',
  'workspace:lock-holder': 'workspaceLockHolder',
  'workspace:write-file': 'writeWorkspaceFile',
  'workspace:append-file': 'appendWorkspaceFile',
  'workspace:remove-file': 'removeWorkspaceFile',
  'workspace:move-file': 'moveWorkspaceFile',
  'workspace:engine-file': 'workspaceEngineFile',
  'workspace:engine-refresh': 'refreshWorkspaceEngine',
  'workspace:view-cache': 'workspaceViewCache',
  'workspace:view-cache-save': 'saveWorkspaceViewCache',
  'dialog:open-files': 'openFilesDialog',
  'dialog:save-file': 'saveFileDialog',
  'export:print-pdf': 'printToPdf',
  'sharing:lab-key': 'labKey',
  'sharing:sign': 'signForLab',
};

/** Validates a request for a channel; throws a ZodError naming the bad field. */
export function parseRequest<C extends Channel>(channel: C, request: unknown): HostRequest<C> {
  return channels[channel].request.parse(request) as HostRequest<C>;
}

/** Validates a reply for a channel. */
export function parseReply<C extends Channel>(channel: C, reply: unknown): HostReply<C> {
  return channels[channel].reply.parse(reply) as HostReply<C>;
}

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}
