/**
 * Limits of the guarded spreadsheet reader (issue 20 item 1: spreadsheet bombs). An .xlsx file is a zip: a few MB can
 * inflate to gigabytes, so every limit is checked while inflating, and reading stops at the first one passed.
 * This file is shared by the main thread and the parsing worker: it imports nothing.
 */
export interface SpreadsheetLimits {
  /** The uploaded file itself (as stored); the upload route's own limit is the same 20 MB. */
  maxCompressedBytes: number;
  /** Files (parts) listed in the zip. */
  maxEntries: number;
  /** One part once inflated (the worksheet read). */
  maxEntryBytes: number;
  /** The shared-strings part once inflated: exceljs keeps every shared string in memory while a sheet is read. */
  maxSharedStringsBytes: number;
  /** All the parts read, once inflated. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed size of a part, checked once a part has given more than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_SPREADSHEET_LIMITS: SpreadsheetLimits = {
  maxCompressedBytes: 20 * 1024 * 1024,
  maxEntries: 1000,
  maxEntryBytes: 160 * 1024 * 1024,
  maxSharedStringsBytes: 32 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

/** The parsing worker: its V8 heap (a bomb that passes the limits above still ends only the worker), its time. */
export const WORKER_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 };
export const WORKER_TIMEOUT_MS = 120_000;
/** Spreadsheets parsed at once in this process; more wait in a short queue, beyond which the request gets 503. */
export const MAX_CONCURRENT_PARSES = 2;
export const MAX_WAITING_PARSES = 8;

export type LimitName = 'compressed' | 'entries' | 'entry' | 'sharedStrings' | 'total' | 'ratio' | 'memory' | 'time';

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** A limit was passed: the reader stopped there. The message says which, in Chinese, for the person who uploaded. */
export class SpreadsheetLimitError extends Error {
  constructor(
    readonly limit: LimitName,
    message: string,
  ) {
    super(message);
  }

  static of(limit: LimitName, l: SpreadsheetLimits, part = ''): SpreadsheetLimitError {
    const where = part ? `（${part}）` : '';
    const text: Record<LimitName, string> = {
      compressed: `文件超过 ${mb(l.maxCompressedBytes)} 上限，请分多个文件导入`,
      entries: `文件中包含的部件超过 ${l.maxEntries} 个，不是正常的 .xlsx 文件`,
      entry: `表格解压后超过 ${mb(l.maxEntryBytes)} 上限${where}，请分多个文件导入`,
      sharedStrings: `表格中的文字内容解压后超过 ${mb(l.maxSharedStringsBytes)} 上限${where}，请分多个文件导入`,
      total: `文件解压后超过 ${mb(l.maxTotalBytes)} 上限，请分多个文件导入`,
      ratio: `文件的压缩比超过 ${l.maxRatio} 倍${where}，疑似压缩炸弹，已拒绝`,
      memory: '解析该文件所需内存超过上限，已停止解析；请检查文件或分多个文件导入',
      time: '解析该文件超时，已停止解析；请检查文件或分多个文件导入',
    };
    return new SpreadsheetLimitError(limit, text[limit]);
  }
}

/** The file cannot be read as a spreadsheet (not a zip, a broken zip, no worksheet, a CSV not in UTF-8…). */
export class UnreadableSpreadsheetError extends Error {}
