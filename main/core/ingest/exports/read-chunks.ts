import { open } from 'node:fs/promises';

export interface ChunkReadOptions {
  /** Bytes per read; default 1 MiB. */
  chunkSize?: number;
  /** Byte offset to start at; default 0. */
  offset?: number;
}

/**
 * Reads a file as UTF-8 text in chunks, never the whole file at once. The streaming decoder
 * keeps a character that straddles two reads whole. A leading BOM is left in place: the
 * readers drop it.
 */
export async function* readTextChunks(path: string, options: ChunkReadOptions = {}): AsyncGenerator<string> {
  const size = options.chunkSize ?? 1 << 20;
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(size);
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let position = options.offset ?? 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, size, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const text = decoder.decode(buf.subarray(0, bytesRead), { stream: true });
      if (text.length > 0) yield text;
    }
    const rest = decoder.decode();
    if (rest.length > 0) yield rest;
  } finally {
    await handle.close();
  }
}
