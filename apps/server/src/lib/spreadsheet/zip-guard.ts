import { Transform, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { type SpreadsheetLimits, SpreadsheetLimitError, UnreadableSpreadsheetError } from './limits';

/**
 * A zip read with limits (yauzl, from the central directory): the number of parts, and for each part read its
 * inflated size, its inflation ratio and the inflated total, counted as the bytes come out of the inflater; the
 * stream is destroyed at the first limit passed, so a bomb is never inflated past it. Parts that are not read are
 * never inflated.
 */
export interface GuardedZip {
  /** Part names, in the central directory's order. */
  names: string[];
  has(name: string): boolean;
  /** The part's inflated bytes as a stream (errors with SpreadsheetLimitError at a limit); `maxBytes` may lower the part's limit. */
  open(
    name: string,
    opts?: { maxBytes?: number; limit?: 'entry' | 'sharedStrings'; onBytes?: (inflated: number, declared: number) => void },
  ): Promise<Readable>;
  close(): void;
}

const unreadable = () => new UnreadableSpreadsheetError('无法读取该 .xlsx 文件，请确认文件未损坏');

export function isZip(b: Buffer): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

export async function openGuardedZip(bytes: Buffer, limits: SpreadsheetLimits): Promise<GuardedZip> {
  if (bytes.length > limits.maxCompressedBytes) throw SpreadsheetLimitError.of('compressed', limits);
  // Declared sizes are not checked against the real ones by yauzl: the counter below enforces every limit whatever a
  // part declares, and reports which limit was passed (yauzl would only say the part is longer than it declared).
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: false, strictFileNames: false }, (err, z) =>
      err || !z ? reject(unreadable()) : resolve(z),
    ),
  );
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw SpreadsheetLimitError.of('entries', limits);
  }
  const entries = await new Promise<Map<string, yauzl.Entry>>((resolve, reject) => {
    const found = new Map<string, yauzl.Entry>();
    zip.on('entry', (e: yauzl.Entry) => {
      if (!found.has(e.fileName)) found.set(e.fileName, e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', () => reject(unreadable()));
    zip.readEntry();
  });
  let total = 0;
  return {
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    close: () => zip.close(),
    async open(name, opts = {}) {
      const entry = entries.get(name);
      if (!entry) throw unreadable();
      const which = opts.limit ?? 'entry';
      const max = Math.min(opts.maxBytes ?? Infinity, which === 'sharedStrings' ? limits.maxSharedStringsBytes : limits.maxEntryBytes);
      // The declared size is the writer's word, not a fact: refused when over the limit, and counted anyway below.
      if (entry.uncompressedSize > max) throw SpreadsheetLimitError.of(which, limits, name);
      const source = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err || !s ? reject(unreadable()) : resolve(s))),
      );
      let inflated = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          inflated += chunk.length;
          total += chunk.length;
          const passed =
            inflated > max
              ? which
              : total > limits.maxTotalBytes
                ? 'total'
                : inflated > limits.ratioFloorBytes && inflated > entry.compressedSize * limits.maxRatio
                  ? 'ratio'
                  : null;
          if (passed) {
            source.destroy();
            return cb(SpreadsheetLimitError.of(passed, limits, name));
          }
          opts.onBytes?.(inflated, entry.uncompressedSize);
          cb(null, chunk);
        },
      });
      source.on('error', (err) => counter.destroy(err instanceof SpreadsheetLimitError ? err : unreadable()));
      return source.pipe(counter);
    },
  };
}
