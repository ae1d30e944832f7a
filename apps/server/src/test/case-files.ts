/** Small files the content checks accept, for tests of typical cases and training (issue 14). */

/** The smallest PNG the check accepts: signature, an IHDR chunk (1×1), an IDAT and an IEND chunk (CRCs not checked). */
export function tinyPng(seed = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.alloc(12, seed)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A .docx-shaped ZIP: a local file header naming word/document.xml. */
export function tinyDocx(): Buffer {
  return Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0]),
    Buffer.alloc(16),
    Buffer.from([17, 0, 0, 0]),
    Buffer.from('word/document.xml', 'latin1'),
    Buffer.from('<w:document/>', 'latin1'),
  ]);
}
