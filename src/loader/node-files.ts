import { open } from 'node:fs/promises';
import type { ByteSource } from './file-kinds';

/** A file on disk read in pieces (the CLI and tests): opened for each piece, never read whole. */
export function pathSource(path: string, size: number): ByteSource {
  return {
    size,
    path,
    async read(offset, length) {
      const handle = await open(path, 'r');
      try {
        const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        let done = 0;
        while (done < out.length) {
          const { bytesRead } = await handle.read(out, done, out.length - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return out.subarray(0, done);
      } finally {
        await handle.close();
      }
    },
  };
}
