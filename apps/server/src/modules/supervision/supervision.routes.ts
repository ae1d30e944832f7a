import {
  COMPLAINT_ATTACHMENT_MAX_BYTES,
  COMPLAINT_ATTACHMENT_MAX_FILES,
  COMPLAINT_SUBJECT_TYPES,
  complaintAttachmentSchema,
  text,
  cancelPilotSchema,
  closeInspectionSchema,
  createInspectionSchema,
  inspectionFindingInputSchema,
  inspectionSchema,
  rectificationDecisionSchema,
  rectificationOrderInputSchema,
  rectificationReportSchema,
  complaintDetailSchema,
  complaintQuerySchema,
  complaintSchema,
  complaintTransitionSchema,
  createComplaintSchema,
  scorecardQuerySchema,
  scorecardSchema,
  createDrawSchema,
  createInspectorSchema,
  drawSchema,
  inspectorSchema,
  pageQuerySchema,
  publicDrawSchema,
  publicInspectionResultSchema,
  publishDrawSchema,
  createReportTypeSchema,
  pageOf,
  pilotCancellationSchema,
  pilotFlagSchema,
  publicComplaintSchema,
  reportDutyQuerySchema,
  reportDutySchema,
  reportTypeSchema,
  reviewReportSchema,
  submitReportSchema,
  trackingCodeSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import { publicRateLimit } from '../../http/rate-limit';
import { attachmentDisposition } from '../files/files.rules';
import { readUploadFiles, readUploadForm } from '../files/files.upload';
import type { RouteModule } from '../../http/route-types';
import * as cancellation from './cancellation.service';
import * as complaints from './complaints.service';
import * as draws from './draws.service';
import * as inspections from './inspections.service';
import * as reporting from './reporting.service';
import * as scorecards from './scorecards.service';

const tags = ['监督评价 Supervision'];
const idParams = z.object({ id: z.string().uuid() });

export const registerSupervisionRoutes: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/public/complaints',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '投诉举报（无需登录）File a complaint without an account (api-v1, R8.5)',
        description:
          '投诉对象为院校、培训评价组织或证书；中职院校由所在地市、其他院校由所在省份、培训评价组织和证书由国家管理员办理，办理期限 15 个工作日。按客户端地址限流。',
        body: createComplaintSchema,
        response: { 201: z.object({ trackingCode: z.string() }), ...errorResponses(400, 429) },
      },
    },
    async (req, reply) => reply.code(201).send(await complaints.fileComplaint(deps, ctxOf(req), req.body)),
  );
  app.post(
    '/api/v1/public/complaints/:trackingCode/attachments',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '为投诉添加附件（凭查询码，无需登录）Attach files to a complaint with its tracking code (R8.5)',
        description: `multipart/form-data，字段 \`file\` 可重复：每件投诉最多 ${COMPLAINT_ATTACHMENT_MAX_FILES} 个 PDF、PNG 或 JPEG 文件（按内容检查），每个不超过 ${COMPLAINT_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，须在提交投诉后 1 小时内、受理前上传。附件仅当前办理人可查看。按客户端地址限流。`,
        params: z.object({ trackingCode: trackingCodeSchema }),
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ items: z.array(complaintAttachmentSchema) }), ...errorResponses(400, 404, 409, 413, 429) },
      },
    },
    async (req, reply) => {
      const files = await readUploadFiles(req, { maxFiles: COMPLAINT_ATTACHMENT_MAX_FILES, maxBytes: COMPLAINT_ATTACHMENT_MAX_BYTES });
      return reply.code(201).send({ items: await complaints.addAttachments(deps, ctxOf(req), req.params.trackingCode, files) });
    },
  );
  app.get(
    '/api/v1/public/complaint-subjects',
    {
      config: { rateLimit: { ...publicRateLimit(deps), max: deps.config.verifyRateLimitMax, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '投诉对象查找（院校、培训评价组织、证书；无需登录）Find what a complaint can name',
        querystring: z.object({ type: z.enum(COMPLAINT_SUBJECT_TYPES), q: text(50).pipe(z.string().min(1, '请输入名称关键字')) }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }), ...errorResponses(400, 429) },
      },
    },
    async (req) => ({ items: await complaints.searchSubjects(deps, req.query.type, req.query.q) }),
  );
  app.get(
    '/api/v1/public/complaints/:trackingCode',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '按查询码查询投诉办理进度 Follow a complaint by its tracking code (api-v1)',
        params: z.object({ trackingCode: trackingCodeSchema }),
        response: { 200: publicComplaintSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req) => complaints.publicComplaint(deps, req.params.trackingCode),
  );
  app.get(
    '/api/v1/complaints',
    {
      schema: {
        tags,
        summary: '投诉列表（按办理范围）Complaints handled in the actor’s scope',
        querystring: complaintQuerySchema,
        response: { 200: pageOf(complaintSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => complaints.listComplaints(deps, ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/complaints/:id',
    {
      schema: {
        tags,
        summary: '投诉详情；联系人信息仅对当前办理人显示 A complaint; the contact is shown only to its handler',
        params: idParams,
        response: { 200: complaintDetailSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => complaints.getComplaint(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/complaints/:id/transitions',
    {
      schema: {
        tags,
        summary:
          '受理、转办、答复或办结投诉（办结须选择核查结论）Accept, transfer, reply to or close a complaint (closing needs a verdict)',
        params: idParams,
        body: complaintTransitionSchema,
        response: { 200: complaintDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => complaints.transitionComplaint(deps, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/complaints/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: '下载投诉附件（仅当前办理人）Download a complaint attachment (its current handler only; anyone else 404)',
        params: z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() }),
        response: { 200: z.any().describe('附件内容（以附件下载）The file, as an attachment'), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const f = await complaints.downloadAttachment(deps, ctxOf(req), req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', attachmentDisposition(f.name))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('x-content-sha256', f.sha256)
        .send(f.bytes);
    },
  );

  registerReportingRoutes(app, deps);
  registerCancellationRoutes(app, deps);
  registerDrawRoutes(app, deps);
  registerInspectionRoutes(app, deps);
  app.get(
    '/api/v1/scorecards',
    {
      schema: {
        tags,
        summary: '年度监督评价（院校或培训评价组织）Yearly scorecards of schools or organizations (R8.7), weights in SCORECARD_WEIGHTS',
        querystring: scorecardQuerySchema,
        response: { 200: z.object({ items: z.array(scorecardSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await scorecards.listScorecards(deps, ctxOf(req), req.query) }),
  );
};

const orderParams = z.object({ id: z.string().uuid(), orderId: z.string().uuid() });
const inspectionResponse = { 200: inspectionSchema, ...errorResponses(400, 401, 403, 404, 409) };

const registerInspectionRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/public/inspection-results',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '公开的检查结果（无需登录）Published inspection results (R8.2; beyond api-v1)',
        description: '检查方办结检查并选择公开后，检查名称、被检查院校、证书和检查结果在此公开；检查发现、证据和整改报告不公开。',
        querystring: pageQuerySchema,
        response: { 200: pageOf(publicInspectionResultSchema), ...errorResponses(400, 429) },
      },
    },
    async (req) => inspections.listPublishedResults(deps, req.query.page, req.query.pageSize),
  );
  app.get(
    '/api/v1/inspections',
    {
      schema: {
        tags,
        summary: '检查（按范围）Inspections in scope (R8.2)',
        response: { 200: z.object({ items: z.array(inspectionSchema) }), ...errorResponses(401) },
      },
    },
    async (req) => ({ items: await inspections.listInspections(deps, ctxOf(req)) }),
  );
  app.post(
    '/api/v1/inspections',
    {
      schema: {
        tags,
        summary: '计划检查：进展、经费使用、存在问题、改进措施（可扩展）Plan an inspection of a pilot (001 第十八条)',
        body: createInspectionSchema,
        response: { 201: inspectionSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await inspections.createInspection(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/inspections/:id',
    {
      schema: {
        tags,
        summary: '检查详情 An inspection',
        params: idParams,
        response: { 200: inspectionSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => inspections.getInspection(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/inspections/:id/findings',
    {
      schema: {
        tags,
        summary: '记录检查发现（附证据文件）Record a finding per item',
        params: idParams,
        body: inspectionFindingInputSchema,
        response: inspectionResponse,
      },
    },
    async (req) => inspections.recordFinding(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/inspections/:id/rectifications',
    {
      schema: {
        tags,
        summary: '下达整改通知（含期限）Order rectification with a deadline',
        params: idParams,
        body: rectificationOrderInputSchema,
        response: inspectionResponse,
      },
    },
    async (req) => inspections.orderRectification(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/inspections/:id/rectifications/:orderId/report',
    {
      schema: {
        tags,
        summary: '提交整改报告 Report on the rectification',
        params: orderParams,
        body: rectificationReportSchema,
        response: inspectionResponse,
      },
    },
    async (req) => inspections.reportRectification(deps, ctxOf(req), req.params.id, req.params.orderId, req.body),
  );
  app.post(
    '/api/v1/inspections/:id/rectifications/:orderId/decision',
    {
      schema: {
        tags,
        summary: '整改验收：通过或再次整改 Accept or re-order',
        params: orderParams,
        body: rectificationDecisionSchema,
        response: inspectionResponse,
      },
    },
    async (req) => inspections.decideRectification(deps, ctxOf(req), req.params.id, req.params.orderId, req.body),
  );
  app.post(
    '/api/v1/inspections/:id/evidence',
    {
      schema: {
        tags,
        summary: '上传检查或整改证据（PDF）Upload evidence (PDF) for a finding or a rectification report',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ id: z.string(), sha256: z.string(), size: z.number().int(), name: z.string() }),
          ...errorResponses(400, 401, 403, 404, 413),
        },
      },
    },
    async (req, reply) => {
      const { file } = await readUploadForm(req);
      return reply.status(201).send(await inspections.uploadEvidence(deps, ctxOf(req), req.params.id, file));
    },
  );
  app.post(
    '/api/v1/inspections/:id/close',
    {
      schema: {
        tags,
        summary: '办结检查，通知被检查方，可公开结果 Close with the result; optionally publish',
        params: idParams,
        body: closeInspectionSchema,
        response: inspectionResponse,
      },
    },
    async (req) => inspections.closeInspection(deps, ctxOf(req), req.params.id, req.body),
  );
};

const registerDrawRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/public/inspection-draws',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '双随机一公开：已公开的随机抽查（无需登录）Published random inspection draws (api-v1, R8.4)',
        querystring: pageQuerySchema,
        response: { 200: pageOf(publicDrawSchema), ...errorResponses(400, 429) },
      },
    },
    async (req) => draws.listPublicDraws(deps, req.query.page, req.query.pageSize),
  );
  app.get(
    '/api/v1/inspectors',
    {
      schema: {
        tags,
        summary: '检查人员库 The inspector pool',
        response: { 200: z.object({ items: z.array(inspectorSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await draws.listInspectors(deps, ctxOf(req)) }),
  );
  app.post(
    '/api/v1/inspectors',
    {
      schema: {
        tags,
        summary: '加入检查人员库 Add an inspector to the pool',
        body: createInspectorSchema,
        response: { 201: inspectorSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await draws.createInspector(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/inspection-draws',
    {
      schema: {
        tags,
        summary: '随机抽查记录 Draws in scope',
        querystring: pageQuerySchema,
        response: { 200: pageOf(drawSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => draws.listDraws(deps, ctxOf(req), req.query.page, req.query.pageSize),
  );
  app.post(
    '/api/v1/inspection-draws',
    {
      schema: {
        tags,
        summary: '随机抽取检查对象和检查人员（记录种子与算法）Draw parties and inspectors, recording seed and algorithm',
        body: createDrawSchema,
        response: { 201: drawSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await draws.createDraw(deps, ctxOf(req), req.body)),
  );
  app.post(
    '/api/v1/inspection-draws/:id/publish',
    {
      schema: {
        tags,
        summary: '公开抽查及结果 Publish a draw (and its result)',
        params: idParams,
        body: publishDrawSchema,
        response: { 200: drawSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => draws.publishDraw(deps, ctxOf(req), req.params.id, req.body.result),
  );
};

const registerCancellationRoutes: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/filings/:id/cancellation',
    {
      schema: {
        tags,
        summary: '取消试点（省级或国家管理员）Cancel a pilot on a ground of 粤生态职院〔2023〕18号 第十九条, with evidence (R8.3)',
        description: '取消后该试点不能再报名考生或填报年度计划；备案及其历史记录保留。',
        params: idParams,
        body: cancelPilotSchema,
        response: { 201: pilotCancellationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await cancellation.cancelPilot(deps, ctxOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/pilot-cancellations',
    {
      schema: {
        tags,
        summary: '已取消的试点（按范围）Cancelled pilots in scope',
        response: { 200: z.object({ items: z.array(pilotCancellationSchema) }), ...errorResponses(401) },
      },
    },
    async (req) => ({ items: await cancellation.listCancellations(deps, ctxOf(req)) }),
  );
};

const registerReportingRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/report-types',
    {
      schema: {
        tags,
        summary: '报送类型（本省与全国）Report types of the actor’s province and the national ones (R8.1)',
        response: { 200: z.object({ items: z.array(reportTypeSchema) }), ...errorResponses(401) },
      },
    },
    async (req) => ({ items: await reporting.listReportTypes(deps, ctxOf(req)) }),
  );
  app.post(
    '/api/v1/report-types',
    {
      schema: {
        tags,
        summary: '设定报送类型（省级或国家管理员）Define a report type; duties are generated for every approved pilot in scope',
        body: createReportTypeSchema,
        response: { 201: reportTypeSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await reporting.createReportType(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/report-duties',
    {
      schema: {
        tags,
        summary: '报送任务（按范围）Reporting duties in scope, with late and missed flags',
        querystring: reportDutyQuerySchema,
        response: { 200: pageOf(reportDutySchema), ...errorResponses(400, 401) },
      },
    },
    async (req) => reporting.listDuties(deps, ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/report-duties/:id',
    {
      schema: {
        tags,
        summary: '报送任务详情 A reporting duty',
        params: idParams,
        response: { 200: reportDutySchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => reporting.getDuty(deps, ctxOf(req), req.params.id),
  );
  app.put(
    '/api/v1/report-duties/:id/submission',
    {
      schema: {
        tags,
        summary: '填报并提交（报送人）File the report',
        params: idParams,
        body: submitReportSchema,
        response: { 200: reportDutySchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => reporting.submitDuty(deps, ctxOf(req), req.params.id, req.body.answers),
  );
  app.post(
    '/api/v1/report-duties/:id/review',
    {
      schema: {
        tags,
        summary: '审核：通过或退回（须填写意见）Accept or return with an opinion',
        params: idParams,
        body: reviewReportSchema,
        response: { 200: reportDutySchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => reporting.reviewDuty(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/pilot-flags',
    {
      schema: {
        tags,
        summary: '建议取消的试点（连续未报送等），引用所依据的条款 Pilots flagged for cancellation, citing the clause',
        response: { 200: z.object({ items: z.array(pilotFlagSchema) }), ...errorResponses(401) },
      },
    },
    async (req) => ({ items: await reporting.listPilotFlags(deps, ctxOf(req)) }),
  );
};
