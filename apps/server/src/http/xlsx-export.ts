import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { exportJobSchema } from '@onex/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { readListOnce } from '../db/list-query';
import type { Deps } from '../lib/deps';
import { SheetWriter, sheetWriters } from '../lib/spreadsheet/sheet-writer';
import type { ExportJobRow } from '../modules/exports/exports.queries';
import { exportFileName, exportFilters, exportsAsJob, rowsToWrite } from '../modules/exports/exports.rules';
import { type ListExportWriter, auditListExport, createExportJob } from '../modules/exports/exports.service';
import { ctxOf } from './auth-hook';

/**
 * api-v1 "Every list endpoint accepts `format=xlsx`": every GET route whose answer is a page (`pageOf(…)`) also
 * answers the whole list — the same filters and scope, every page — as one .xlsx sheet (exceljs streaming writer, in a
 * worker thread: rows leave as they are read). The route's own handler reads the pages, so scope and filters cannot differ from the
 * list's. Headers are Chinese (`lib/export-format.ts`), dates and money formatted, and every value is written as a
 * plain value — never a formula, whatever text it holds.
 *
 * A list of more rows than `EXPORT_JOB_THRESHOLD` is not streamed: the answer is 202 with an export job
 * (modules/exports), whose worker runs the same handler again on behalf of the requester, with the same filters,
 * and stores the file. Every export is in the audit log (`list.export`).
 */

/** Rows at most in one export (a page of 200 at a time); beyond it the file ends with a note saying so. */
export const MAX_EXPORT_ROWS = 200_000;
/**
 * Rows read per page while exporting (the route's own handler, called past its public page-size cap). On PostgreSQL
 * the pages read on from one cursor (`readListOnce`), so a page costs only its rows, and pages of 200 keep fewer rows
 * alive long enough to be promoted to the old heap (measured, 100,000 rows: +130 MB peak RSS at 200, +155 MB at 1,000). On
 * PGlite each page sorts and counts the filtered list again, so fewer, larger pages are faster.
 */
const pageSizeFor = (kind: Deps['dbKind']) => (kind === 'postgresql' ? 200 : 10_000);
/** Runs an export's page reads through one cursor where the database allows it. */
const readingOnce = <T>(kind: Deps['dbKind'], fn: () => Promise<T>) => (kind === 'postgresql' ? readListOnce(fn) : fn());

type Page = { items: Record<string, unknown>[]; total: number };
type ListHandler = (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) => Promise<Page>;

/** A list route that exports: its handler and the schemas its query and path parameters are parsed with. */
interface ListExporter {
  instance: FastifyInstance;
  handler: ListHandler;
  query: z.ZodType | undefined;
  params: z.ZodType | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every list route that exports, by route (`/api/v1/schools`): what an export job runs again. */
    listExporters: Map<string, ListExporter>;
  }
}

function isPageSchema(schema: unknown): boolean {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return !!shape && 'items' in shape && 'total' in shape && 'pageSize' in shape;
}

export function registerXlsxExport(app: FastifyInstance, deps: Deps): void {
  const exporters = new Map<string, ListExporter>();
  app.decorate('listExporters', exporters);
  app.addHook('onRoute', function (route) {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const responses = route.schema?.response as Record<string, unknown> | undefined;
    if (!methods.includes('GET') || !responses || !isPageSchema(responses[200])) return;
    responses[202] = exportJobSchema.describe(
      `format=xlsx 且超过 ${deps.config.exportJobThreshold} 行（浏览器会话；API 令牌须带 Prefer: respond-async）：导出任务，进度见 GET /api/v1/exports/{id}。` +
        'format=xlsx beyond the threshold (a session; an API token only with Prefer: respond-async): an export job',
    );
    const list = route.handler as ListHandler;
    exporters.set(route.url, {
      instance: this,
      handler: list,
      query: route.schema?.querystring as z.ZodType | undefined,
      params: route.schema?.params as z.ZodType | undefined,
    });
    const exportList = async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      const query = req.query as object;
      const pageSize = pageSizeFor(deps.dbKind);
      const pageOf = (page: number) => {
        req.query = { ...query, page, pageSize };
        return list.call(this, req, reply);
      };
      const first = await pageOf(1); // errors (scope, validation) answer as JSON, before any byte of the file
      const path = req.url.split('?')[0]!;
      const filters = exportFilters(req.url);
      const total = rowsToWrite(first.total, MAX_EXPORT_ROWS);
      const ctx = ctxOf(req);
      if (exportsAsJob(first.total, deps.config.exportJobThreshold, req.actor?.via ?? null, req.headers.prefer)) {
        const job = await createExportJob(deps, ctx, {
          route: route.url,
          path,
          params: (req.params ?? {}) as Record<string, unknown>,
          query: filters,
          total,
        });
        app.exportWorker.kick();
        return reply.code(202).send(job);
      }
      const release = await sheetWriters.acquire(); // a full queue answers 503 EXPORT_BUSY, as JSON
      try {
        // Audited before the first byte: an export that cannot be traced is not sent. (Signed-out exports are of
        // public lists only, and are not audited: anyone could fill the audit log with them.)
        if (req.actor)
          await deps.db.transaction().execute((trx) => auditListExport(trx, ctx, deps.clock.now(), { path, query: filters, rows: total }));
        const stream = new PassThrough();
        void reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${exportFileName(route.url)}"`)
          .send(stream);
        try {
          await writeSheet(stream, first, pageOf, pageSize);
        } catch (err) {
          req.log.error({ err }, 'xlsx export failed');
          stream.destroy(err as Error);
        }
        return reply;
      } finally {
        release();
      }
    };
    route.handler = async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      const raw = new URL(req.url, 'http://x').searchParams.get('format');
      if (raw !== 'xlsx') return list.call(this, req, reply);
      return readingOnce(deps.dbKind, () => exportList.call(this, req, reply));
    } as RouteHandlerMethod;
  });
}

/**
 * Writes the list, page after page, as one sheet into `stream` (ended when done) through a writer thread
 * (lib/spreadsheet/sheet-writer.ts): the next page is read while the thread writes the last one. `onPage` hears rows
 * written every `PROGRESS_EVERY` rows and at the end. Returns the rows written.
 */
async function writeSheet(
  stream: Writable,
  first: Page,
  pageOf: (page: number) => Promise<Page>,
  pageSize: number,
  onPage?: (written: number, total: number) => Promise<void>,
): Promise<number> {
  const sheet = new SheetWriter(stream);
  try {
    let written = 0;
    let reported = 0;
    for (let page = 1, current = first; ; page++) {
      if (page > 1) current = await pageOf(page);
      const rows = current.items.slice(0, MAX_EXPORT_ROWS - written).map(flatten);
      await sheet.add(rows);
      written += rows.length;
      const capped = written >= MAX_EXPORT_ROWS && current.total > written;
      const last = capped || current.items.length < pageSize || page * pageSize >= current.total;
      if (last || written - reported >= PROGRESS_EVERY) {
        reported = written;
        await onPage?.(written, rowsToWrite(current.total, MAX_EXPORT_ROWS));
      }
      if (last) {
        await sheet.end(capped ? `仅导出前 ${MAX_EXPORT_ROWS} 行（共 ${current.total} 行），请缩小筛选范围` : null);
        return written;
      }
    }
  } catch (err) {
    sheet.abort();
    throw err;
  }
}

/**
 * What export jobs write with (modules/exports): the job's list route run again on behalf of its requester, with the
 * path parameters and filters of the request that queued it (parsed by the route's own schemas), into a buffer.
 */
export function listExportWriter(app: FastifyInstance, kind: Deps['dbKind']): ListExportWriter {
  return async (job: ExportJobRow, actor: Actor, onProgress) => {
    const exporter = app.listExporters.get(job.route);
    if (!exporter) throw new Error(`no list route ${job.route}`);
    const raw: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(job.query)) {
      const had = raw[k];
      raw[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
    }
    const query = (exporter.query ? exporter.query.parse(raw) : raw) as object;
    const params = exporter.params ? exporter.params.parse(job.params) : job.params;
    const req = {
      id: `export-job:${job.id}`,
      url: job.path,
      method: 'GET',
      params,
      query,
      actor,
      sessionExpired: false,
      csrfToken: null,
      ip: undefined,
      headers: {},
      log: app.log,
    } as unknown as FastifyRequest;
    const reply = {} as FastifyReply; // list handlers answer by returning their page
    const pageSize = pageSizeFor(kind);
    const pageOf = (page: number) => {
      req.query = { ...query, page, pageSize };
      return exporter.handler.call(exporter.instance, req, reply);
    };
    return readingOnce(kind, async () => {
      const first = await pageOf(1);
      const stream = new PassThrough();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      const ended = finished(stream);
      const rows = await writeSheet(stream, first, pageOf, pageSize, onProgress);
      await ended;
      return { bytes: Buffer.concat(chunks), rows };
    });
  };
}

/** Rows between two progress reports of an export job (one database write each). */
const PROGRESS_EVERY = 5_000;
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
