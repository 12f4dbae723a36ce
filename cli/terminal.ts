/**
 * The process's own output streams as the CLI's Io: what is printed passes through terminalText (control,
 * escape and direction-changing characters of values shown as `[U+XXXX]`, shared/util/visible-text.ts), and a
 * reader that goes away (`sigwb … | head`) ends the output quietly: EPIPE stops further writes instead of
 * raising an unhandled error, and the command itself runs to its end (an import still commits or refuses whole).
 */
import type { Io } from './context';

type Stream = NodeJS.WriteStream;

/** An output function over a stream that goes silent once the reader has closed the pipe. */
function quietOnClose(stream: Stream): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw e;
  });
  return (text) => {
    if (closed || stream.destroyed) return;
    stream.write(text);
  };
}

/** The Io of the running process (stdout, stderr). */
export function processIo(stdout: Stream = process.stdout, stderr: Stream = process.stderr): Io {
  return { out: quietOnClose(stdout), err: quietOnClose(stderr) };
}
