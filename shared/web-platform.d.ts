/**
 * The Web-platform globals shared/ relies on, declared by hand because shared/ compiles with neither the DOM
 * library nor Node's types (shared/tsconfig.json): each exists alike in browsers, Web Workers and Node ≥ 20,
 * the three places shared/ runs. Only what shared/ uses; a new need is added here on purpose, not by accident.
 * Other rooms see the DOM's or Node's own declarations instead (this file is in shared/tsconfig.json alone).
 */
interface TextEncoder { encode(input?: string): Uint8Array<ArrayBuffer>; encodeInto(source: string, destination: Uint8Array): { read: number; written: number } }
declare const TextEncoder: { new (): TextEncoder };

interface TextDecoderOptions { fatal?: boolean; ignoreBOM?: boolean }
interface TextDecoder { readonly encoding: string; decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string }
declare const TextDecoder: { new (label?: string, options?: TextDecoderOptions): TextDecoder };

interface AbortSignal { readonly aborted: boolean; readonly reason: unknown; addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void; removeEventListener(type: 'abort', listener: () => void): void; throwIfAborted(): void }
declare const AbortSignal: { any(signals: AbortSignal[]): AbortSignal };
interface AbortController { readonly signal: AbortSignal; abort(reason?: unknown): void }
declare const AbortController: { new (): AbortController };

interface Blob { readonly size: number; arrayBuffer(): Promise<ArrayBuffer> }

interface CryptoKey { readonly type: string; readonly extractable: boolean }
/** Ed25519 (exchange packages, shared/sharing/signing.ts): supported by Node ≥ 20 and Chromium ≥ 137. */
interface SubtleCrypto {
  digest(algorithm: 'SHA-256', data: BufferSource): Promise<ArrayBuffer>;
  importKey(format: 'raw', keyData: BufferSource, algorithm: { name: 'Ed25519' }, extractable: boolean, usages: 'verify'[]): Promise<CryptoKey>;
  verify(algorithm: { name: 'Ed25519' }, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean>;
}
type BufferSource = ArrayBufferView<ArrayBuffer> | ArrayBuffer;
interface Crypto { readonly subtle: SubtleCrypto; getRandomValues<T extends Uint8Array | Uint32Array>(array: T): T; randomUUID(): string }
declare const crypto: Crypto;

declare function setTimeout(handler: () => void, timeout?: number): unknown;
declare function clearTimeout(id: unknown): void;

declare function btoa(data: string): string;
declare function atob(data: string): string;
declare function structuredClone<T>(value: T): T;
