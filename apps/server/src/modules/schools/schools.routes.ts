import type { MultipartFile } from '@fastify/multipart';
import {
  createSchoolMajorSchema,
  createSchoolSchema,
  departmentInputSchema,
  departmentSchema,
  importErrorSchema,
  majorFiguresInputSchema,
  majorImportResultSchema,
  pageOf,
  schoolMajorSchema,
  schoolQuerySchema,
  schoolSchema,
  updateSchoolMajorSchema,
  updateSchoolSchema,
  text,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { AppError } from '../../lib/errors';
import * as svc from './schools.service';

const tags = ['院校与专业 Schools, departments, majors'];
const idParams = z.object({ id: z.string().uuid() });
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const registerSchoolRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/schools',
    {
      schema: {
        tags,
        summary: '院校列表（本辖区）List schools in scope',
        querystring: schoolQuerySchema,
        response: { 200: pageOf(schoolSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listSchools(deps, ctxOf(req), req.query),
  );

  app.post(
    '/api/v1/schools',
    {
      schema: {
        tags,
        summary: '注册院校（省级管理员，待审核）Register a school (pending approval)',
        body: createSchoolSchema,
        response: { 201: schoolSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.registerSchool(deps, ctxOf(req), req.body)),
  );

  app.get(
    '/api/v1/schools/:id',
    { schema: { tags, summary: '院校详情 A school', params: idParams, response: { 200: schoolSchema, ...errorResponses(401, 403, 404) } } },
    async (req) => svc.getSchool(deps, ctxOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/schools/:id',
    {
      schema: {
        tags,
        summary: '修改院校信息 Update a school',
        params: idParams,
        body: updateSchoolSchema,
        response: { 200: schoolSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.updateSchool(deps, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/schools/:id/approval',
    {
      schema: {
        tags,
        summary: '审核通过院校注册 Approve a school registration',
        params: idParams,
        body: z.object({ comment: text().max(500).optional() }).optional(),
        response: { 200: schoolSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.approveSchool(deps, ctxOf(req), req.params.id, req.body?.comment),
  );

  app.get(
    '/api/v1/schools/:id/departments',
    {
      schema: {
        tags,
        summary: '二级学院列表 Departments of a school',
        params: idParams,
        response: { 200: z.object({ items: z.array(departmentSchema) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ({ items: await svc.listDepartments(deps, ctxOf(req), req.params.id) }),
  );

  app.post(
    '/api/v1/schools/:id/departments',
    {
      schema: {
        tags,
        summary: '添加二级学院 Add a department',
        params: idParams,
        body: departmentInputSchema,
        response: { 201: departmentSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createDepartment(deps, ctxOf(req), req.params.id, req.body.name)),
  );

  app.patch(
    '/api/v1/departments/:id',
    {
      schema: {
        tags,
        summary: '修改二级学院名称 Rename a department',
        params: idParams,
        body: departmentInputSchema,
        response: { 200: departmentSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.renameDepartment(deps, ctxOf(req), req.params.id, req.body.name),
  );

  app.delete(
    '/api/v1/departments/:id',
    {
      schema: {
        tags,
        summary: '删除二级学院（无专业、无账号时）Delete an empty department',
        params: idParams,
        response: { 204: z.null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await svc.deleteDepartment(deps, ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/schools/:id/majors',
    {
      schema: {
        tags,
        summary: '专业列表（含年度数据与资格条件）Majors with yearly figures and eligibility facts',
        params: idParams,
        querystring: yearQuery.extend({ departmentId: z.string().uuid().optional() }),
        response: { 200: z.object({ items: z.array(schoolMajorSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({ items: await svc.listMajors(deps, ctxOf(req), req.params.id, req.query) }),
  );

  app.post(
    '/api/v1/schools/:id/majors',
    {
      schema: {
        tags,
        summary: '添加专业 Add a major',
        params: idParams,
        body: createSchoolMajorSchema,
        response: { 201: schoolMajorSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createMajor(deps, ctxOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/school-majors/:id',
    {
      schema: {
        tags,
        summary: '专业详情 A major',
        params: idParams,
        querystring: yearQuery,
        response: { 200: schoolMajorSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.getMajor(deps, ctxOf(req), req.params.id, req.query.year),
  );

  app.patch(
    '/api/v1/school-majors/:id',
    {
      schema: {
        tags,
        summary: '修改专业 Update a major',
        params: idParams,
        body: updateSchoolMajorSchema,
        response: { 200: schoolMajorSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.updateMajor(deps, ctxOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/school-majors/:id',
    {
      schema: { tags, summary: '删除专业 Delete a major', params: idParams, response: { 204: z.null(), ...errorResponses(401, 403, 404) } },
    },
    async (req, reply) => {
      await svc.deleteMajor(deps, ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/school-majors/:id/years/:year',
    {
      schema: {
        tags,
        summary: '填报专业年度数据 Record a major’s figures of a year',
        params: idParams.extend({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: majorFiguresInputSchema,
        response: { 200: schoolMajorSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.putMajorYear(deps, ctxOf(req), req.params.id, req.params.year, req.body),
  );

  app.get(
    '/api/v1/schools/:id/majors/import-template',
    {
      schema: {
        tags,
        summary: '下载专业数据导入模板（.xlsx）Download the majors import template',
        params: idParams,
      },
    },
    async (req, reply) => {
      const { bytes, filename } = await svc.majorsImportTemplate(deps, ctxOf(req), req.params.id);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(bytes);
    },
  );

  app.post(
    '/api/v1/schools/:id/majors/import',
    {
      schema: {
        tags,
        summary: '导入专业及年度数据（multipart 字段 file，.xlsx）Import majors and yearly figures',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: {
          200: majorImportResultSchema,
          422: z.object({
            error: z.object({
              code: z.string(),
              message: z.string(),
              details: z.object({ errors: z.array(importErrorSchema) }),
              requestId: z.string(),
            }),
          }),
          ...errorResponses(400, 401, 403, 404, 413, 503),
        },
      },
    },
    async (req) => {
      const file = await readFile(req.isMultipart() ? await req.file() : undefined);
      return svc.importMajors(deps, ctxOf(req), req.params.id, file);
    },
  );
};

async function readFile(part: MultipartFile | undefined): Promise<{ bytes: Buffer; filename: string }> {
  if (!part || part.fieldname !== 'file')
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', message: '请选择要上传的 .xlsx 文件' }] });
  const bytes = await part.toBuffer();
  if (!bytes.length) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', message: '上传的文件为空' }] });
  return { bytes, filename: part.filename };
}
