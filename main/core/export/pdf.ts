import zlib from 'node:zlib';

/**
 * A small PDF 1.4 writer: text in the standard Helvetica fonts, lines, filled rectangles and
 * JPEG images, with "page i / n" numbers added when the document is finished.
 *
 * Why our own writer rather than Chromium's print-to-PDF: the same code serves the CLI
 * (`floorwatch report --out x.pdf`, no browser), the headless host (Playwright is a dev
 * dependency only) and Electron, with no new dependency. Limits, stated plainly: the standard
 * fonts cover Western European text only (WinAnsi); characters outside it print as "?". Screens
 * therefore send their report as page images they rendered themselves (the browser shapes
 * Persian and Chinese and lays out right-to-left text correctly), and this writer only wraps
 * them and numbers the pages. CLI reports are English and use real text.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;
type Rgb = readonly [number, number, number];

// Helvetica advance widths (per 1000 em) of the characters reports mostly print; others 556.
const WIDTHS: Record<string, number> = { ' ': 278, '.': 278, ',': 278, ':': 278, '-': 333, '%': 889, '(': 333, ')': 333, '/': 278, i: 222, l: 222, j: 222, t: 278, f: 278, r: 333, m: 833, w: 722, I: 278, M: 833, W: 944, '–': 556, '·': 278 };
const BOLD_EXTRA = 1.06;

const WINANSI_EXTRA: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, '‰': 0x89, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '™': 0x99 };

/** Text as a PDF literal string in WinAnsiEncoding (what the standard fonts use). */
function pdfString(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const latin = (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff);
    const code = WINANSI_EXTRA[ch] ?? (latin ? cp : 0x3f);
    if (code === 0x28 || code === 0x29 || code === 0x5c) out += `\\${String.fromCharCode(code)}`;
    else if (code < 0x80) out += String.fromCharCode(code);
    else out += `\\${code.toString(8).padStart(3, '0')}`;
  }
  return `(${out})`;
}

export function textWidth(text: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of text) w += WIDTHS[ch] ?? (ch >= 'A' && ch <= 'Z' ? 667 : 556);
  return (w / 1000) * size * (bold ? BOLD_EXTRA : 1);
}

const n = (v: number) => (Math.round(v * 100) / 100).toString();
const rgb = (c: Rgb) => c.map((v) => n(v / 255)).join(' ');

/** Width and height of a baseline or progressive JPEG, read from its SOF marker. */
export function jpegSize(data: Buffer): { width: number; height: number } {
  if (data[0] !== 0xff || data[1] !== 0xd8) throw new Error('Not a JPEG image.');
  let p = 2;
  while (p + 9 < data.length) {
    if (data[p] !== 0xff) throw new Error('Corrupt JPEG image.');
    const marker = data[p + 1]!;
    const len = data.readUInt16BE(p + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: data.readUInt16BE(p + 5), width: data.readUInt16BE(p + 7) };
    }
    p += 2 + len;
  }
  throw new Error('JPEG image without a frame header.');
}

export class PdfPage {
  readonly ops: string[] = [];
  readonly images: number[] = [];
  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** Text with its baseline at y, measured from the top of the page. */
  text(x: number, y: number, text: string, options: { size?: number; bold?: boolean; color?: Rgb; align?: 'left' | 'right' | 'center' } = {}): void {
    const size = options.size ?? 10;
    const w = options.align && options.align !== 'left' ? textWidth(text, size, options.bold) : 0;
    const left = options.align === 'right' ? x - w : options.align === 'center' ? x - w / 2 : x;
    this.ops.push(`BT /${options.bold ? 'F2' : 'F1'} ${n(size)} Tf ${rgb(options.color ?? [20, 24, 33])} rg ${n(left)} ${n(this.height - y)} Td ${pdfString(text)} Tj ET`);
  }

  line(x1: number, y1: number, x2: number, y2: number, options: { width?: number; color?: Rgb } = {}): void {
    this.ops.push(`${n(options.width ?? 0.5)} w ${rgb(options.color ?? [160, 166, 178])} RG ${n(x1)} ${n(this.height - y1)} m ${n(x2)} ${n(this.height - y2)} l S`);
  }

  rect(x: number, y: number, w: number, h: number, color: Rgb): void {
    this.ops.push(`${rgb(color)} rg ${n(x)} ${n(this.height - y - h)} ${n(w)} ${n(h)} re f`);
  }

  /** Draws image `id` (from `PdfDoc.addJpeg`) into the box with its top-left at (x, y). */
  image(id: number, x: number, y: number, w: number, h: number): void {
    if (!this.images.includes(id)) this.images.push(id);
    this.ops.push(`q ${n(w)} 0 0 ${n(h)} ${n(x)} ${n(this.height - y - h)} cm /Im${id} Do Q`);
  }
}

export class PdfDoc {
  private readonly pages: PdfPage[] = [];
  private readonly jpegs: { data: Buffer; width: number; height: number }[] = [];

  addPage(width: number = A4.width, height: number = A4.height): PdfPage {
    const page = new PdfPage(width, height);
    this.pages.push(page);
    return page;
  }

  addJpeg(data: Buffer): { id: number; width: number; height: number } {
    const size = jpegSize(data);
    this.jpegs.push({ data, ...size });
    return { id: this.jpegs.length - 1, ...size };
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** The finished file. `footer` (left) is printed on every page beside "page i / n". */
  toBuffer(options: { title?: string; footer?: string } = {}): Buffer {
    const objects: Buffer[] = [];
    const add = (body: string | Buffer) => {
      objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
      return objects.length;
    };
    const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);

    const catalog = add('');
    const pagesObj = add('');
    const f1 = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
    const f2 = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
    const imageObjs = this.jpegs.map((j) => add(stream(`/Type /XObject /Subtype /Image /Width ${j.width} /Height ${j.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`, j.data)));
    const total = this.pages.length;
    const pageObjs = this.pages.map((page, i) => {
      page.text(page.width - 40, page.height - 22, `${i + 1} / ${total}`, { size: 8, color: [90, 96, 110], align: 'right' });
      if (options.footer) page.text(40, page.height - 22, options.footer, { size: 8, color: [90, 96, 110] });
      const content = add(stream('/Filter /FlateDecode', zlib.deflateSync(Buffer.from(page.ops.join('\n'), 'latin1'))));
      const xobjects = page.images.map((id) => `/Im${id} ${imageObjs[id]} 0 R`).join(' ');
      return add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${n(page.width)} ${n(page.height)}] /Contents ${content} 0 R /Resources << /Font << /F1 ${f1} 0 R /F2 ${f2} 0 R >> /XObject << ${xobjects} >> >> >>`,
      );
    });
    objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`, 'latin1');
    objects[pagesObj - 1] = Buffer.from(`<< /Type /Pages /Kids [${pageObjs.map((p) => `${p} 0 R`).join(' ')}] /Count ${total} >>`, 'latin1');
    const info = add(`<< /Producer (Floorwatch) /Title ${pdfString(options.title ?? 'Floorwatch report')} >>`);

    const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = parts[0]!.length;
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(offset);
      const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
      parts.push(b);
      offset += b.length;
    });
    const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
    parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }
}
