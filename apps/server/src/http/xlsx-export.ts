import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { exportHeader, exportValue } from '../lib/export-format';

/**
 * api-v1 "Every list endpoint accepts `format=xlsx`": every GET route whose answer is a page (`pageOf(…)`) also
 * answers the whole list — the same filters and scope, every page — as one streamed .xlsx sheet (exceljs streaming
 * writer: rows leave as they are read). The route's own handler reads the pages, so scope and filters cannot differ
 * from the list's. Headers are Chinese (`lib/export-format.ts`), dates and money formatted, and every value is written
 * as a plain value — never a formula, whatever text it holds.
 */

/** Rows at most in one export (a page of 200 at a time); beyond it the file ends with a note saying so. */
export const MAX_EXPORT_ROWS = 200_000;
/** Rows read per page while exporting (the route's own handler, called past its public page-size cap). */
const PAGE = 5000;

type Page = { items: Record<string, unknown>[]; total: number };

function isPageSchema(schema: unknown): boolean {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return !!shape && 'items' in shape && 'total' in shape && 'pageSize' in shape;
}

export function registerXlsxExport(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('GET') || !isPageSchema(route.schema?.response && (route.schema.response as Record<string, unknown>)[200]))
      return;
    const list = route.handler as (req: FastifyRequest, reply: FastifyReply) => Promise<Page>;
    route.handler = async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      const raw = new URL(req.url, 'http://x').searchParams.get('format');
      if (raw !== 'xlsx') return list.call(this, req, reply);
      return exportPages(
        req,
        reply,
        (page) => {
          req.query = { ...(req.query as object), page, pageSize: PAGE };
          return list.call(this, req, reply);
        },
        route.url,
      );
    } as RouteHandlerMethod;
  });
}

async function exportPages(req: FastifyRequest, reply: FastifyReply, pageOf: (page: number) => Promise<Page>, url: string) {
  const first = await pageOf(1); // errors (scope, validation) answer as JSON, before any byte of the file
  const stream = new PassThrough();
  const name =
    url
      .split('/')
      .filter((s) => s && !s.startsWith(':'))
      .pop() ?? 'export';
  void reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${name}.xlsx"`)
    .send(stream);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const sheet = wb.addWorksheet('导出');
  let columns: string[] | null = null;
  let written = 0;
  try {
    for (let page = 1, current = first; ; page++) {
      if (page > 1) current = await pageOf(page);
      for (const item of current.items) {
        const flat = flatten(item);
        if (!columns) {
          columns = Object.keys(flat);
          sheet.columns = columns.map((key) => ({
            header: exportHeader(key),
            key,
            width: Math.min(40, Math.max(10, exportHeader(key).length * 2 + 2)),
          }));
          sheet.getRow(1).font = { bold: true };
        }
        sheet.addRow(columns.map((k) => exportValue(k, flat[k]))).commit();
        written++;
      }
      if (current.items.length < PAGE || page * PAGE >= current.total) break;
      if (written >= MAX_EXPORT_ROWS) {
        sheet.addRow([`仅导出前 ${MAX_EXPORT_ROWS} 行（共 ${current.total} 行），请缩小筛选范围`]).commit();
        break;
      }
    }
    if (!columns) sheet.addRow(['（无数据）']).commit();
    await wb.commit();
  } catch (err) {
    req.log.error({ err }, 'xlsx export failed');
    stream.destroy(err as Error);
  }
  return reply;
}

/** One level of nesting becomes `parent.child`; lists are joined with 、. */
function flatten(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) out[`${k}.${k2}`] = v2;
    } else out[k] = v;
  }
  return out;
}
