import { Readable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * A corpus of hostile spreadsheets (issue 20 item 1), generated when needed (never committed): each is a small
 * upload that would cost gigabytes or minutes to read naively. Used by the bomb tests and bench/bombs.bench.ts.
 * The zips are written here (local headers, central directory) so that a part may declare a size it does not
 * have, as a hand-made bomb does.
 */

interface ZipPart {
  name: string;
  /** The inflated content, as chunks (a generator for the large parts: never held whole). */
  data: () => Iterable<Buffer>;
  /** The uncompressed size written in the headers (default: the real one). */
  declaredSize?: number;
}

async function deflate(data: Iterable<Buffer>): Promise<{ compressed: Buffer; crc: number; size: number }> {
  let crc = 0;
  let size = 0;
  const counted = function* () {
    for (const c of data) {
      crc = crc32(c, crc);
      size += c.length;
      yield c;
    }
  };
  const out: Buffer[] = [];
  for await (const c of Readable.from(counted()).pipe(createDeflateRaw({ level: 6 }))) out.push(c as Buffer);
  return { compressed: Buffer.concat(out), crc, size };
}

export async function writeZip(parts: ZipPart[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const { compressed, crc, size } = await deflate(p.data());
    const name = Buffer.from(p.name, 'utf8');
    const declared = p.declaredSize ?? size;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(crc >>> 0, 14);
    head.writeUInt32LE(compressed.length, 18);
    head.writeUInt32LE(declared, 22);
    head.writeUInt16LE(name.length, 26);
    locals.push(head, name, compressed);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(compressed.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += head.length + name.length + compressed.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

const text = (s: string) => () => [Buffer.from(s, 'utf8')];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const colName = (i: number) => String.fromCharCode(65 + i);

/** One row of inline-string cells. */
export function rowXml(n: number, cells: string[]): string {
  const cs = cells.map((v, i) => `<c r="${colName(i)}${n}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('');
  return `<row r="${n}">${cs}</row>`;
}

/** A minimal .xlsx: workbook, relationships, one sheet named `sheetName` with `sheetData` chunks, optional shared strings. */
export function xlsx(o: { sheetName: string; sheet: () => Iterable<Buffer>; sheetDeclared?: number; shared?: ZipPart }): Promise<Buffer> {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return writeZip([
    {
      name: '[Content_Types].xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="${esc(o.sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    ...(o.shared ? [o.shared] : []),
    { name: 'xl/worksheets/sheet1.xml', data: o.sheet, declaredSize: o.sheetDeclared },
  ]);
}

const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';

function* repeat(head: string, unit: string, bytes: number, tail: string): Generator<Buffer> {
  yield Buffer.from(head);
  const block = Buffer.from(unit.repeat(Math.ceil((64 * 1024) / unit.length)));
  for (let done = 0; done < bytes; done += block.length) yield block;
  yield Buffer.from(tail);
}

const MB = 1024 * 1024;

export interface BombCorpus {
  /** A worksheet whose one cell's text inflates to `inflatedMb` MB (about 1000:1), declaring a small size. */
  zipBomb: Buffer;
  /** Shared strings that inflate to `inflatedMb` MB of one repeated string entry, declaring a small size. */
  sharedStringsBomb: Buffer;
  /** `rows` tiny data rows under the given header (1,000,000 by default). */
  manyRows: Buffer;
  /** Random bytes named .xlsx: not a zip. */
  notZip: Buffer;
}

/** The corpus for one sheet and header (each import reads its own sheet and columns). */
export async function bombCorpus(o: { sheetName: string; header: string[]; rows?: number; inflatedMb?: number }): Promise<BombCorpus> {
  const inflated = (o.inflatedMb ?? 512) * MB;
  const head = SHEET_HEAD + rowXml(1, o.header);
  const zipBomb = await xlsx({
    sheetName: o.sheetName,
    sheet: () => repeat(`${head}<row r="2"><c r="A2" t="inlineStr"><is><t>`, 'A', inflated, `</t></is></c></row>${SHEET_TAIL}`),
    sheetDeclared: 64 * 1024,
  });
  const sharedStringsBomb = await xlsx({
    sheetName: o.sheetName,
    sheet: text(`${head}<row r="2"><c r="A2" t="s"><v>0</v></c></row>${SHEET_TAIL}`),
    shared: {
      name: 'xl/sharedStrings.xml',
      data: () =>
        repeat(
          `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
          '<si><t>炸</t></si>',
          inflated,
          '</sst>',
        ),
      declaredSize: 64 * 1024,
    },
  });
  const rows = o.rows ?? 1_000_000;
  const manyRows = await xlsx({
    sheetName: o.sheetName,
    sheet: function* () {
      yield Buffer.from(head);
      let batch: string[] = [];
      for (let n = 2; n <= rows + 1; n++) {
        batch.push(`<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>x</t></is></c></row>`);
        if (batch.length === 2000) {
          yield Buffer.from(batch.join(''));
          batch = [];
        }
      }
      yield Buffer.from(batch.join('') + SHEET_TAIL);
    },
  });
  const notZip = Buffer.alloc(64 * 1024);
  for (let i = 0; i < notZip.length; i++) notZip[i] = (i * 7919 + 13) % 251;
  return { zipBomb, sharedStringsBomb, manyRows, notZip };
}
