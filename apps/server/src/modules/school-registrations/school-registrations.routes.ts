import {
  SCHOOL_REGISTRATION_DATA_FIELD,
  SCHOOL_REGISTRATION_PROOF_FIELD,
  SCHOOL_REGISTRATION_PROOF_MAX_BYTES,
  publicSchoolRegistrationSchema,
  returnSchoolSchema,
  schoolSchema,
  schoolSelfRegistrationRequestSchema,
  schoolSelfRegistrationSchema,
} from '@onex/shared';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import { publicRateLimit } from '../../http/rate-limit';
import type { RouteModule } from '../../http/route-types';
import { AppError } from '../../lib/errors';
import * as svc from './school-registrations.service';

const tags = ['院校与专业 Schools, departments, majors'];
const codeParams = z.object({
  trackingCode: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^[0-9A-Z]{12,32}$/, '查询码格式不正确')),
});

/** Reads the form: the JSON part `registration` and at most one proof file (PDF, PNG or JPEG, checked by content later). */
async function readRegistrationForm(req: FastifyRequest): Promise<{ data: unknown; proof: svc.ProofFile | null }> {
  if (!req.isMultipart()) throw new AppError('FILE_REQUIRED');
  let raw: string | undefined;
  let proof: svc.ProofFile | null = null;
  for await (const part of req.parts({ limits: { files: 1, fileSize: SCHOOL_REGISTRATION_PROOF_MAX_BYTES, fields: 5 } })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname === SCHOOL_REGISTRATION_PROOF_FIELD && bytes.length > 0) proof = { bytes, filename: part.filename };
    } else if (part.fieldname === SCHOOL_REGISTRATION_DATA_FIELD && typeof part.value === 'string') raw = part.value;
  }
  let data: unknown;
  try {
    data = JSON.parse(raw ?? 'null');
  } catch {
    data = null;
  }
  if (!data || typeof data !== 'object')
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: SCHOOL_REGISTRATION_DATA_FIELD, message: '注册信息缺失或格式有误' }] });
  return { data, proof };
}

function parse<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (!r.success)
    throw new AppError('VALIDATION_FAILED', {
      fields: r.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })),
    });
  return r.data;
}

export const registerSchoolRegistrationRoutes: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/public/school-registrations',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '院校自主注册申报（无需登录）A school registers itself (R2.1, 002 四.3)',
        description:
          'multipart/form-data：`registration` 为注册信息 JSON（院校名称、统一社会信用代码（GB 32100-2015 校验位）、类型、所在省市、标识、联系人、试点工作推进机构及牵头负责人、统筹管理责任部门及负责人（002 三.1）、首个管理员账号的用户名、姓名和密码），`proof` 为证明材料（PDF、PNG 或 JPEG，按内容检查，不超过 10 MB）。注册待所在省份审核；管理员账号在审核通过后启用。返回查询码，凭此查询进度或在退回后修改重交。按客户端地址限流。',
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.string(), trackingCode: z.string() }), ...errorResponses(400, 409, 413, 429) },
      },
    },
    async (req, reply) => {
      const { data, proof } = await readRegistrationForm(req);
      const input = parse(schoolSelfRegistrationRequestSchema, data);
      if (!proof) throw new AppError('FILE_REQUIRED');
      return reply.status(201).send(await svc.selfRegister(deps, ctxOf(req), input, proof));
    },
  );

  app.get(
    '/api/v1/public/school-registrations/:trackingCode',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '凭查询码查询院校注册进度 Follow a school registration by its tracking code',
        params: codeParams,
        response: { 200: publicSchoolRegistrationSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req) => svc.publicRegistration(deps, req.params.trackingCode),
  );

  app.put(
    '/api/v1/public/school-registrations/:trackingCode',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '修改被退回的院校注册并重新提交（凭查询码）Resubmit a returned school registration',
        description:
          'multipart/form-data：`registration` 为院校信息 JSON（不含账号），`proof` 可选（替换证明材料）。仅“已退回”的注册可重交。',
        params: codeParams,
        consumes: ['multipart/form-data'],
        response: { 200: publicSchoolRegistrationSchema, ...errorResponses(400, 404, 409, 413, 429) },
      },
    },
    async (req) => {
      const { data, proof } = await readRegistrationForm(req);
      return svc.resubmit(deps, ctxOf(req), req.params.trackingCode, parse(schoolSelfRegistrationSchema, data), proof);
    },
  );

  app.post(
    '/api/v1/schools/:id/return',
    {
      schema: {
        tags,
        summary: '退回院校注册申报（附原因）Return a school registration with a reason',
        params: z.object({ id: z.string().uuid() }),
        body: returnSchoolSchema,
        response: { 200: schoolSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.returnRegistration(deps, ctxOf(req), req.params.id, req.body.reason),
  );
};
