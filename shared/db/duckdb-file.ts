/**
 * A look at a DuckDB database file's headers before it is attached: duckdb-wasm 1.32 attaching a file cut short (a
 * copy or a download that stopped, a disk that filled) can spin for ever inside the engine, so that an app opening
 * a workspace never finishes (measured: a 1,060 864-byte engine file cut to 1,060, 12,289, 20,000 or 100,000 bytes;
 * cut to 4,096 or 8,192 it refuses it). The headers say how long the file must be; a shorter one is never attached.
 *
 * Layout (DuckDB's single-file storage, src/storage/storage_info.cpp): a main header of 4,096 bytes (checksum, then
 * the magic "DUCK" at byte 8), then two database headers of 4,096 bytes each (checksum; iteration, meta block, free
 * list, block count, block allocation size, vector size: little-endian 64-bit), the one of higher iteration in
 * force; then the blocks.
 */

const HEADER_SIZE = 4096;
const DATA_START = 3 * HEADER_SIZE;

/** Why `bytes` cannot be a whole DuckDB database file, or null when its headers and length agree. O(1). */
export function duckdbFileProblem(bytes: Uint8Array): string | null {
  if (bytes.byteLength < DATA_START) return `${bytes.byteLength} bytes, shorter than a DuckDB file's headers (${DATA_START})`;
  if (String.fromCharCode(...bytes.subarray(8, 12)) !== 'DUCK') return 'not a DuckDB database file';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = (at: number) => ({
    iteration: view.getBigUint64(at + 8, true),
    blockCount: view.getBigUint64(at + 32, true),
    blockSize: view.getBigUint64(at + 40, true),
  });
  const [a, b] = [header(HEADER_SIZE), header(2 * HEADER_SIZE)];
  const current = a.iteration >= b.iteration ? a : b;
  if (current.blockSize < 4096n || current.blockSize > 1n << 30n) return `its header states a block size of ${current.blockSize} bytes`;
  const needed = BigInt(DATA_START) + current.blockCount * current.blockSize;
  if (BigInt(bytes.byteLength) < needed) return `cut short: ${bytes.byteLength} bytes where its header states ${needed}`;
  return null;
}
