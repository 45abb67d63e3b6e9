import fs from 'node:fs';
import zlib from 'node:zlib';

/**
 * A minimal ZIP writer (deflate, no ZIP64): enough for XLSX packages. Entries are written one
 * after another; a large entry can be fed from a file in chunks, so memory stays bounded.
 */
export interface ZipWriter {
  addBuffer(name: string, data: Buffer): void;
  /** Streams a file's content in as one entry (deflated chunk by chunk). */
  addFile(name: string, file: string): Promise<void>;
  close(): void;
}

const DOS_DATE = (() => {
  // Fixed timestamp: the same content gives the same bytes (stable tests, reproducible exports).
  const d = new Date(Date.UTC(2020, 0, 1));
  return { time: 0, date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate() };
})();

function localHeader(name: Buffer, crc: number, compressed: number, size: number): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x0800, 6); // UTF-8 names
  h.writeUInt16LE(8, 8); // deflate
  h.writeUInt16LE(DOS_DATE.time, 10);
  h.writeUInt16LE(DOS_DATE.date, 12);
  h.writeUInt32LE(crc >>> 0, 14);
  h.writeUInt32LE(compressed, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(name.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, name]);
}

export function createZip(file: string): ZipWriter {
  const fd = fs.openSync(file, 'w');
  let pos = 0;
  const central: Buffer[] = [];
  const write = (b: Buffer) => {
    fs.writeSync(fd, b, 0, b.length, pos);
    pos += b.length;
  };
  const record = (name: Buffer, offset: number, crc: number, compressed: number, size: number) => {
    if (pos > 0xffffffff || size > 0xffffffff) throw new RangeError('Export too large for a ZIP without ZIP64 (over 4 GB).');
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt16LE(DOS_DATE.time, 12);
    c.writeUInt16LE(DOS_DATE.date, 14);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(compressed, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(Buffer.concat([c, name]));
  };
  return {
    addBuffer(name, data) {
      const n = Buffer.from(name, 'utf8');
      const body = zlib.deflateRawSync(data);
      const crc = zlib.crc32(data);
      const offset = pos;
      write(localHeader(n, crc, body.length, data.length));
      write(body);
      record(n, offset, crc, body.length, data.length);
    },
    async addFile(name, source) {
      const n = Buffer.from(name, 'utf8');
      const offset = pos;
      write(localHeader(n, 0, 0, 0)); // sizes patched below, once known
      let crc = 0;
      let size = 0;
      let compressed = 0;
      const deflate = zlib.createDeflateRaw();
      deflate.on('data', (chunk: Buffer) => {
        compressed += chunk.length;
        write(chunk);
      });
      const done = new Promise<void>((resolve, reject) => {
        deflate.on('end', resolve);
        deflate.on('error', reject);
      });
      for await (const chunk of fs.createReadStream(source)) {
        const b = chunk as Buffer;
        crc = zlib.crc32(b, crc);
        size += b.length;
        if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
      }
      deflate.end();
      await done;
      const header = localHeader(n, crc, compressed, size);
      fs.writeSync(fd, header, 0, header.length, offset);
      record(n, offset, crc, compressed, size);
    },
    close() {
      const start = pos;
      for (const c of central) write(c);
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(central.length, 8);
      end.writeUInt16LE(central.length, 10);
      end.writeUInt32LE(pos - start, 12);
      end.writeUInt32LE(start, 16);
      write(end);
      fs.closeSync(fd);
    },
  };
}

/** Reads a ZIP back (tests, and checking an export): name → uncompressed bytes. */
export function readZip(data: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('Not a ZIP file.');
  const count = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = data.readUInt16LE(p + 10);
    const crc = data.readUInt32LE(p + 16);
    const compressed = data.readUInt32LE(p + 20);
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    const offset = data.readUInt32LE(p + 42);
    const name = data.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const lhName = data.readUInt16LE(offset + 26);
    const lhExtra = data.readUInt16LE(offset + 28);
    const body = data.subarray(offset + 30 + lhName + lhExtra, offset + 30 + lhName + lhExtra + compressed);
    const content = method === 8 ? zlib.inflateRawSync(body) : Buffer.from(body);
    if (zlib.crc32(content) >>> 0 !== crc >>> 0) throw new Error(`CRC mismatch in ${name}.`);
    out.set(name, content);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
