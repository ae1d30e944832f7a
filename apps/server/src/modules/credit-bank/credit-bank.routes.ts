import {
  accountImportResultSchema,
  applicationCreateSchema,
  applicationQuerySchema,
  applicationTransitionSchema,
  conversionApplicationSchema,
  conversionPreviewSchema,
  creditBankSettingsInputSchema,
  creditBankSettingsSchema,
  creditOutcomeQuerySchema,
  creditOutcomeSchema,
  creditOutcomeUpdateSchema,
  depositImportResultSchema,
  depositResultSchema,
  importErrorSchema,
  learningAccountDetailSchema,
  learningAccountQuerySchema,
  learningAccountSummarySchema,
  ledgerEntrySchema,
  myLearningAccountSchema,
  openAccountsResultSchema,
  openAccountsSchema,
  outcomeDepositSchema,
  pageOf,
  pageQuerySchema,
  recognitionRuleInputSchema,
  recognitionRuleQuerySchema,
  recognitionRuleSchema,
  reversalSchema,
  rulePreviewSchema,
  ruleTransitionSchema,
  schoolCourseInputSchema,
  schoolCourseQuerySchema,
  schoolCourseSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { attachmentDisposition } from '../files/files.rules';
import { readUploadForm } from '../files/files.upload';
import * as conv from './conversions.service';
import * as svc from './credit-bank.service';

const tags = ['学分银行 Credit bank'];
const idParams = z.object({ id: z.string().uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileBody = z.any().describe('文件内容（以附件下载）File content, as an attachment');
const importInvalid = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.object({ errors: z.array(importErrorSchema) }),
    requestId: z.string(),
  }),
});

export const registerCreditBankRoutes: RouteModule = (app, deps) => {
  // ---- The learner's own account (api-v1 contract first) ----

  app.get(
    '/api/v1/me/learning-account',
    {
      schema: {
        tags,
        summary: '我的学习账户（api-v1 契约）My learning account (api-v1)',
        response: { 200: myLearningAccountSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.myLearningAccount(deps, ctxOf(req)),
  );

  app.get(
    '/api/v1/me/learning-account/details',
    {
      schema: {
        tags,
        summary: '我的学习账户详情：成果、按来源/类型/年度的学分、未使用学分、免修 My account in full',
        response: { 200: learningAccountDetailSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.myAccountDetail(deps, ctxOf(req)),
  );

  app.get(
    '/api/v1/me/learning-account/transcript',
    {
      schema: {
        tags,
        summary: '下载学习成果记录（PDF）Download my transcript (PDF)',
        response: { 200: fileBody, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const d = await svc.transcript(deps, ctxOf(req), 'me');
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );

  app.get(
    '/api/v1/me/learning-account/export',
    {
      schema: {
        tags,
        summary: '导出学习账户（JSON，含证书的可验证凭证）Export my account (JSON with the verifiable credentials)',
        response: { 200: fileBody, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const d = await svc.exportAccount(deps, ctxOf(req), 'me');
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', attachmentDisposition(d.filename))
        .send(d.body);
    },
  );

  app.get(
    '/api/v1/me/conversion-preview',
    {
      schema: {
        tags,
        summary: '学分转换预览：本校规则允许的转换及不允许的原因 Conversion preview at my school',
        response: { 200: conversionPreviewSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => conv.myConversionPreview(deps, ctxOf(req)),
  );

  app.post(
    '/api/v1/me/conversion-applications',
    {
      schema: {
        tags,
        summary: '申请学分转换 Apply for a conversion at my school',
        body: applicationCreateSchema.pick({ note: true }),
        response: { 201: conversionApplicationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await conv.applyForMe(deps, ctxOf(req), req.body.note ?? null)),
  );

  // ---- Accounts (school, province, national) ----

  app.get(
    '/api/v1/learning-accounts',
    {
      schema: {
        tags,
        summary: '学习账户列表（本范围）Learning accounts in scope',
        querystring: learningAccountQuerySchema,
        response: { 200: pageOf(learningAccountSummarySchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listAccounts(deps, ctxOf(req), req.query),
  );

  app.post(
    '/api/v1/learning-accounts/open',
    {
      schema: {
        tags,
        summary: '为本校学习者开设学习账户（全部或所选）Open accounts for the school’s learners',
        body: openAccountsSchema,
        response: { 200: openAccountsResultSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.openAccountsForLearners(deps, ctxOf(req), req.body.learnerIds),
  );

  app.get(
    '/api/v1/learning-accounts/import-template',
    { schema: { tags, summary: '下载学习账户批量开设模板（.xlsx）', response: { 200: fileBody, ...errorResponses(401, 403, 404) } } },
    async (req, reply) => {
      const d = await svc.accountsImportTemplate(deps, ctxOf(req));
      return reply.header('content-type', XLSX).header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );

  app.post(
    '/api/v1/learning-accounts/import',
    {
      schema: {
        tags,
        summary: '批量开设学习账户（multipart 字段 file，.xlsx；全部正确才写入）Open accounts in bulk',
        consumes: ['multipart/form-data'],
        response: { 200: accountImportResultSchema, 422: importInvalid, ...errorResponses(400, 401, 403, 404, 413, 503) },
      },
    },
    async (req) => {
      const { file } = await readUploadForm(req);
      return svc.importAccounts(deps, ctxOf(req), file);
    },
  );

  app.get(
    '/api/v1/learning-accounts/:id',
    {
      schema: {
        tags,
        summary: '学习账户详情 A learning account',
        params: idParams,
        response: { 200: learningAccountDetailSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getAccount(deps, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/v1/learning-accounts/:id/transcript',
    {
      schema: {
        tags,
        summary: '学习成果记录（PDF）Transcript (PDF)',
        params: idParams,
        response: { 200: fileBody, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const d = await svc.transcript(deps, ctxOf(req), req.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );

  app.post(
    '/api/v1/learning-accounts/:id/outcomes',
    {
      schema: {
        tags,
        summary: '存入学习成果（本校课程、培训、竞赛等；同一成果只记一次）Deposit an outcome',
        params: idParams,
        body: outcomeDepositSchema,
        response: { 201: depositResultSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.depositOutcome(deps, ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/learning-outcomes/evidence',
    {
      schema: {
        tags,
        summary: '上传学习成果证明材料（PDF）Upload evidence (PDF)',
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ id: z.string(), sha256: z.string(), size: z.number().int(), name: z.string() }),
          ...errorResponses(400, 401, 403, 404, 413),
        },
      },
    },
    async (req, reply) => {
      const { file } = await readUploadForm(req);
      return reply.status(201).send(await svc.uploadEvidence(deps, ctxOf(req), file));
    },
  );

  app.post(
    '/api/v1/learning-outcomes/:id/reversal',
    {
      schema: {
        tags,
        summary: '冲正一条存入记录（原记录保留）Reverse a deposit',
        params: idParams,
        body: reversalSchema,
        response: { 200: ledgerEntrySchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.reverseEntry(deps, ctxOf(req), req.params.id, req.body.reason),
  );

  app.get(
    '/api/v1/learning-outcomes/import-template',
    { schema: { tags, summary: '下载学习成果存入模板（.xlsx）', response: { 200: fileBody, ...errorResponses(401, 403, 404) } } },
    async (req, reply) => {
      const d = await svc.depositsImportTemplate(deps, ctxOf(req));
      return reply.header('content-type', XLSX).header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );

  app.post(
    '/api/v1/learning-outcomes/import',
    {
      schema: {
        tags,
        summary: '批量存入学习成果（.xlsx；全部正确才写入；同一文件重复导入只记一次）Deposit outcomes in bulk',
        consumes: ['multipart/form-data'],
        response: { 200: depositImportResultSchema, 422: importInvalid, ...errorResponses(400, 401, 403, 404, 413, 503) },
      },
    },
    async (req) => {
      const { file } = await readUploadForm(req);
      return svc.importDeposits(deps, ctxOf(req), file);
    },
  );

  // ---- The outcome catalog (national) ----

  app.get(
    '/api/v1/credit-outcomes',
    {
      schema: {
        tags,
        summary: '学习成果目录（证书 × 等级，默认学分与学时）Outcome catalog',
        querystring: creditOutcomeQuerySchema,
        response: { 200: pageOf(creditOutcomeSchema), ...errorResponses(400, 401) },
      },
    },
    async (req) => svc.listCreditOutcomes(deps, ctxOf(req), req.query),
  );

  app.put(
    '/api/v1/credit-outcomes/:id',
    {
      schema: {
        tags,
        summary: '调整学习成果的学分与学时（国家管理员）Set an outcome’s credits and hours',
        params: idParams,
        body: creditOutcomeUpdateSchema,
        response: { 200: creditOutcomeSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.updateCreditOutcome(deps, ctxOf(req), req.params.id, req.body),
  );

  // ---- Schools' courses and settings ----

  app.get(
    '/api/v1/school-courses',
    {
      schema: {
        tags,
        summary: '院校课程目录 A school’s courses',
        querystring: schoolCourseQuerySchema,
        response: { 200: z.array(schoolCourseSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.listCourses(deps, ctxOf(req), req.query),
  );

  app.post(
    '/api/v1/school-courses',
    {
      schema: {
        tags,
        summary: '添加课程 Add a course',
        body: schoolCourseInputSchema,
        response: { 201: schoolCourseSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createCourse(deps, ctxOf(req), req.body)),
  );

  app.put(
    '/api/v1/school-courses/:id',
    {
      schema: {
        tags,
        summary: '修改课程 Change a course',
        params: idParams,
        body: schoolCourseInputSchema,
        response: { 200: schoolCourseSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.updateCourse(deps, ctxOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/school-courses/:id',
    {
      schema: {
        tags,
        summary: '删除未使用的课程 Delete an unused course',
        params: idParams,
        response: { 204: z.null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await svc.deleteCourse(deps, ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/credit-bank-settings',
    {
      schema: {
        tags,
        summary: '院校学分转换设置：上限与不予转换的课程类别 Caps and excluded categories',
        querystring: z.object({ schoolId: z.string().uuid().optional() }),
        response: { 200: creditBankSettingsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.getSettings(deps, ctxOf(req), req.query.schoolId),
  );

  app.put(
    '/api/v1/credit-bank-settings',
    {
      schema: {
        tags,
        summary: '保存本校学分转换设置 Save the school’s caps and exclusions',
        body: creditBankSettingsInputSchema,
        response: { 200: creditBankSettingsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.saveSettings(deps, ctxOf(req), req.body),
  );

  // ---- Recognition rules (R7.2) ----

  app.get(
    '/api/v1/recognition-rules',
    {
      schema: {
        tags,
        summary: '认定规则列表（本范围）Recognition rules in scope',
        querystring: recognitionRuleQuerySchema,
        response: { 200: pageOf(recognitionRuleSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listRules(deps, ctxOf(req), req.query),
  );

  app.post(
    '/api/v1/recognition-rules',
    {
      schema: {
        tags,
        summary: '新建认定规则（草稿）Create a rule (draft)',
        body: recognitionRuleInputSchema,
        response: { 201: recognitionRuleSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createRule(deps, ctxOf(req), req.body)),
  );

  app.get(
    '/api/v1/recognition-rules/:id',
    {
      schema: {
        tags,
        summary: '认定规则 A rule',
        params: idParams,
        response: { 200: recognitionRuleSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getRule(deps, ctxOf(req), req.params.id),
  );

  app.put(
    '/api/v1/recognition-rules/:id',
    {
      schema: {
        tags,
        summary: '修改认定规则（仅草稿）Change a draft rule',
        params: idParams,
        body: recognitionRuleInputSchema,
        response: { 200: recognitionRuleSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.updateRule(deps, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/recognition-rules/:id/transitions',
    {
      schema: {
        tags,
        summary: '发布或停用认定规则 Publish or withdraw a rule',
        params: idParams,
        body: ruleTransitionSchema,
        response: { 200: recognitionRuleSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.transitionRule(deps, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/recognition-rules/:id/preview',
    {
      schema: {
        tags,
        summary: '规则预览：该规则会转换学习者的哪些成果 Which of a learner’s outcomes the rule would convert',
        params: idParams,
        querystring: z.object({ learnerId: z.string().uuid() }),
        response: { 200: rulePreviewSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => conv.previewRule(deps, ctxOf(req), req.params.id, req.query.learnerId),
  );

  // ---- Conversion applications (R7.4) ----

  app.get(
    '/api/v1/conversion-preview',
    {
      schema: {
        tags,
        summary: '学习者的学分转换预览（学校代为申请前）Conversion preview for a learner',
        querystring: z.object({ learnerId: z.string().uuid() }),
        response: { 200: conversionPreviewSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => conv.learnerConversionPreview(deps, ctxOf(req), req.query.learnerId),
  );

  app.get(
    '/api/v1/conversion-applications',
    {
      schema: {
        tags,
        summary: '学分转换申请（学校的待审队列；省级只读；学习者本人的）Conversion applications in scope',
        querystring: applicationQuerySchema,
        response: { 200: pageOf(conversionApplicationSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => conv.listApplications(deps, ctxOf(req), req.query),
  );

  app.post(
    '/api/v1/conversion-applications',
    {
      schema: {
        tags,
        summary: '学校代学习者申请学分转换 Apply on a learner’s behalf',
        body: applicationCreateSchema.required({ learnerId: true }),
        response: { 201: conversionApplicationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await conv.applyOnBehalf(deps, ctxOf(req), req.body.learnerId, req.body.note ?? null)),
  );

  app.get(
    '/api/v1/conversion-applications/:id',
    {
      schema: {
        tags,
        summary: '学分转换申请详情 An application',
        params: idParams,
        response: { 200: conversionApplicationSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => conv.getApplication(deps, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/conversion-applications/:id/transitions',
    {
      schema: {
        tags,
        summary: '批准 / 不予批准（须填理由）/ 撤回 Approve, refuse (with a reason) or withdraw',
        params: idParams,
        body: applicationTransitionSchema,
        response: { 200: conversionApplicationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => conv.transitionApplication(deps, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/me/conversion-applications',
    {
      schema: {
        tags,
        summary: '我的学分转换申请 My applications',
        querystring: pageQuerySchema,
        response: { 200: pageOf(conversionApplicationSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => conv.myApplications(deps, ctxOf(req), req.query),
  );
};
