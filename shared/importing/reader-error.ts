/**
 * Why a file reader library (hyparquet, apache-arrow) gave up, in words for the analyst: its own message when it
 * names the problem ("unsupported compression codec: GZIP"), but not a JavaScript fault it tripped on while reading
 * damaged bytes ("Cannot read properties of undefined (reading 'map')"), which says nothing about the file.
 */
export function readerReason(e: unknown): string {
  if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError || !(e instanceof Error)) return 'its structure cannot be read';
  return e.message.split('\n')[0];
}
