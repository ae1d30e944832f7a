/**
 * Large libraries the server loads on first use, not at start: exceljs (templates and reports; list exports and
 * uploaded files use it in worker threads) and pdfkit (PDFs). Each costs tens of MB of memory in every process that
 * loads it, and most requests need neither (idle RSS, with qrcode, jsonld and ioredis also deferred where they are
 * used: 180 → 159 MB; docs/ARCHITECTURE.md "Requests").
 */
import type ExcelJSModule from 'exceljs';
import type PDFDocumentClass from 'pdfkit';

let excel: Promise<typeof ExcelJSModule> | undefined;
let pdf: Promise<typeof PDFDocumentClass> | undefined;

/** A new exceljs workbook (the library loaded once, on the first call). */
export async function newWorkbook(): Promise<ExcelJSModule.Workbook> {
  excel ??= import('exceljs').then((m) => m.default);
  return new (await excel).Workbook();
}

/** A new pdfkit document (the library loaded once, on the first call). */
export async function newPdfDocument(options: PDFKit.PDFDocumentOptions): Promise<PDFKit.PDFDocument> {
  pdf ??= import('pdfkit').then((m) => m.default);
  return new (await pdf)(options);
}
