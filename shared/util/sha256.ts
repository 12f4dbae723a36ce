/**
 * SHA-256 of bytes as lower-case hex, through WebCrypto (present in browsers, workers and Node 20). `handOver`
 * (default false): the caller never reads `data` again (bytes made only to be hashed), so a worker may take them
 * without a copy, leaving `data` empty.
 */
export async function sha256Hex(data: Uint8Array, handOver = false): Promise<string> {
  if (large && data.byteLength >= large.minBytes) return large.digest(data, handOver);
  return digestHere(data);
}

/** SHA-256 of a text's UTF-8 bytes (made here, handed over: a report of megabytes is not copied again). */
export function sha256OfText(text: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(text), true);
}

/**
 * SHA-256 of bytes the caller still needs, lent (not copied) to the large digest where one lends: use the returned
 * `bytes` afterwards, never `data`, which may be emptied meanwhile. A workspace file read and checked (a batch of
 * tens of MB) is hashed this way.
 */
export async function sha256Lent(data: Uint8Array): Promise<{ hex: string; bytes: Uint8Array }> {
  if (large?.lend && data.byteLength >= large.minBytes) return large.lend(data);
  return { hex: await sha256Hex(data), bytes: data };
}

/** SHA-256 on this thread. */
export async function digestHere(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  const out = new Uint8Array(digest);
  let hex = '';
  for (let i = 0; i < out.length; i++) hex += out[i].toString(16).padStart(2, '0');
  return hex;
}

type Lend = (data: Uint8Array) => Promise<{ hex: string; bytes: Uint8Array }>;
let large: { minBytes: number; digest: (data: Uint8Array, handOver: boolean) => Promise<string>; lend?: Lend } | null = null;

/**
 * Hands inputs of `minBytes` or more to `digest` (the renderer: a worker). Chromium computes a WebCrypto digest on the
 * thread that asks for it, so a batch of 1,000,000 measurements (tens of MB) held the interface thread 100–300 ms per
 * hash on 2 cores (bench/ui/profile-ui.ts import); in a worker it holds it only for a copy of the bytes, or not at
 * all when they are handed over (sha256Hex's `handOver`) or lent (`lend`, sha256Lent).
 */
export function digestLargeWith(digest: ((data: Uint8Array, handOver: boolean) => Promise<string>) | null, minBytes = 1 << 20, lend?: Lend): void {
  large = digest ? { minBytes, digest, lend } : null;
}
