import { createHash } from 'node:crypto';
import {
  type CreateSchoolRequest,
  type DepartmentDto,
  type MajorFigures,
  type MajorYearDto,
  type Page,
  SCHOOL_TYPE_LABELS,
  type SchoolDto,
  type SchoolField,
  type SchoolMajorDto,
  type SchoolType,
  TECHNICAL_SCHOOL,
  type UpdateSchoolRequest,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import { isUniqueViolation } from '../../db/errors';
import type { Deps } from '../../lib/deps';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { type AuditInput, auditedTransaction } from '../audit/audit.service';
import {
  type DepartmentFacts,
  SCHOOL_READ_ROLES,
  SCHOOL_REGISTER_ROLES,
  type SchoolFacts,
  canSeeDepartment,
  canSeeSchool,
  decide,
  departmentActions,
  editableSchoolFields,
  majorActions,
  schoolActions,
  schoolReadScope,
} from './schools.policy';
import { buildMajorsTemplate, crossCheckRows, parseMajorsFile } from './schools.import';
import { afterApproval } from '../school-registrations/school-registrations.approval';
import * as q from './schools.queries';
import { defaultEligibilityYear, eligibilityFacts } from './schools.rules';

// ── helpers ──────────────────────────────────────────────────────────────────

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });

function enforce(visible: boolean, allowed: boolean): void {
  const d = decide(visible, allowed);
  if (d === 'not_found') throw notFound();
  if (d === 'forbidden') throw forbidden();
}

const schoolFacts = (r: {
  id: string;
  province_code: string;
  city_code: string;
  status: SchoolFacts['status'];
  self_registered?: boolean;
}): SchoolFacts => ({
  id: r.id,
  provinceCode: r.province_code,
  cityCode: r.city_code,
  status: r.status,
  selfRegistered: r.self_registered ?? false,
});
const deptFacts = (r: { id: string; school_id: string; province_code: string; city_code: string }): DepartmentFacts => ({
  id: r.id,
  schoolId: r.school_id,
  provinceCode: r.province_code,
  cityCode: r.city_code,
});
const schoolScope = (s: { provinceCode: string; cityCode: string; id: string }): AuditInput['scope'] => ({
  provinceCode: s.provinceCode,
  cityCode: s.cityCode,
  schoolId: s.id,
});

/** Maps a unique violation of the database to the registry code (the pre-checks cover the usual case). */
async function uniqueAs<T>(code: 'SCHOOL_ALREADY_REGISTERED' | 'DEPARTMENT_NAME_TAKEN' | 'SCHOOL_MAJOR_EXISTS', p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(code);
    throw e;
  }
}

// ── Schools (R2.1) ───────────────────────────────────────────────────────────

function toSchoolDto(actor: Actor, r: q.SchoolRow): SchoolDto {
  const facts = schoolFacts(r);
  return {
    id: r.id,
    name: r.name,
    creditCode: r.credit_code,
    schoolType: r.school_type,
    provinceCode: r.province_code,
    provinceName: r.province_name,
    cityCode: r.city_code,
    cityName: r.city_name,
    status: r.status,
    flags: r.flags,
    address: r.address,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at?.toISOString() ?? null,
    approvedAt: r.approved_at?.toISOString() ?? null,
    departmentCount: Number(r.department_count ?? 0),
    majorCount: Number(r.major_count ?? 0),
    allowedActions: schoolActions(actor, facts),
    registration: r.self_registered
      ? {
          leadingBody: r.leading_body,
          leadingBodyHead: r.leading_body_head,
          responsibleDepartment: r.responsible_department,
          responsiblePerson: r.responsible_person,
          proofFileId: r.proof_file_id,
          applicantUsername: r.applicant_username,
          returnReason: r.return_reason,
          returnedAt: r.returned_at?.toISOString() ?? null,
        }
      : null,
    editableFields: editableSchoolFields(actor, facts),
  };
}

/** The school as the actor may see it, or 404. */
async function visibleSchool(db: Db, actor: Actor, id: string): Promise<q.SchoolRow> {
  const row = await q.findSchool(db, id);
  if (!row || !canSeeSchool(actor, schoolFacts(row))) throw notFound();
  return row;
}

export function refuseTechnicalSchool(type: string | undefined): asserts type is SchoolType | undefined {
  if (type === TECHNICAL_SCHOOL) throw new AppError('SCHOOL_TYPE_NOT_ELIGIBLE');
}

export async function checkCityInProvince(db: Db, cityCode: string, provinceCode: string): Promise<void> {
  const city = await q.findRegion(db, cityCode);
  if (!city || city.level !== 'city' || city.parent_code !== provinceCode) throw invalid('cityCode', '所选城市不属于该省份');
}

export async function checkNotRegistered(db: Db, f: { creditCode?: string | undefined; name?: string | undefined }, exceptId?: string) {
  const dup = await q.findDuplicateSchool(db, f, exceptId);
  if (dup) throw new AppError('SCHOOL_ALREADY_REGISTERED', { field: dup.credit_code === f.creditCode ? 'creditCode' : 'name' });
}

export async function listSchools(
  deps: Deps,
  ctx: RequestContext,
  f: q.SchoolFilter & { page: number; pageSize: number },
): Promise<Page<SchoolDto>> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  const { items, total } = await q.listSchools(deps.db, schoolReadScope(actor), f, f.page, f.pageSize);
  return { items: items.map((r) => toSchoolDto(actor, r)), total, page: f.page, pageSize: f.pageSize };
}

export async function getSchool(deps: Deps, ctx: RequestContext, id: string): Promise<SchoolDto> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  return toSchoolDto(actor, await visibleSchool(deps.db, actor, id));
}

/**
 * A provincial administrator registers a school of its province (R2.1, 002 §四.3 一所院校只能注册一次).
 * The registration is `pending` until a provincial administrator approves it (POST …/approval).
 */
export async function registerSchool(deps: Deps, ctx: RequestContext, input: CreateSchoolRequest): Promise<SchoolDto> {
  const actor = requireActor(ctx, SCHOOL_REGISTER_ROLES);
  refuseTechnicalSchool(input.schoolType);
  const provinceCode = input.provinceCode ?? actor.provinceCode;
  if (!provinceCode) throw invalid('provinceCode', '请选择所属省份');
  if (!inScope(scopeOf(actor), { provinceCode })) throw notFound();
  await checkCityInProvince(deps.db, input.cityCode, provinceCode);
  await checkNotRegistered(deps.db, input);
  const values: q.SchoolValues = {
    name: input.name,
    creditCode: input.creditCode,
    schoolType: input.schoolType,
    provinceCode,
    cityCode: input.cityCode,
    flags: [...new Set(input.flags)],
    address: input.address ?? null,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
  };
  const id = await uniqueAs(
    'SCHOOL_ALREADY_REGISTERED',
    auditedTransaction(deps, ctx, async (trx, now) => {
      const id = await q.insertSchool(trx, values, actor.userId, now);
      const summary = { ...values, schoolTypeLabel: SCHOOL_TYPE_LABELS[values.schoolType].zh, status: 'pending' };
      return {
        result: id,
        audit: { action: 'school.register', targetType: 'school', targetId: id, summary, scope: schoolScope({ ...values, id }) },
      };
    }),
  );
  return getSchool(deps, ctx, id);
}

/** Changes the fields the actor may change (schools.policy); sending any other field is 403 naming it. */
export async function updateSchool(deps: Deps, ctx: RequestContext, id: string, input: UpdateSchoolRequest): Promise<SchoolDto> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  await auditedTransaction(deps, ctx, async (trx, now) => {
    const row = await q.lockSchool(trx, id);
    const facts = row && schoolFacts(row);
    if (!facts || !canSeeSchool(actor, facts)) throw notFound();
    const editable = editableSchoolFields(actor, facts);
    const sent = (Object.keys(input) as SchoolField[]).filter((k) => input[k] !== undefined);
    const refused = sent.filter((k) => !editable.includes(k));
    if (!editable.length || refused.length) throw new AppError('FORBIDDEN', { fields: refused });
    refuseTechnicalSchool(input.schoolType);
    if (input.cityCode) await checkCityInProvince(trx, input.cityCode, row.province_code);
    await checkNotRegistered(trx, { creditCode: input.creditCode, name: input.name }, id);
    const changes: Partial<q.SchoolValues> = {};
    const before: Record<string, unknown> = {};
    for (const k of sent) {
      Object.assign(changes, { [k]: k === 'flags' ? [...new Set(input.flags)] : input[k] });
      before[k] = row[q.SCHOOL_COLUMN[k]];
    }
    await uniqueAs('SCHOOL_ALREADY_REGISTERED', q.updateSchool(trx, id, changes, now));
    return {
      result: null,
      audit: {
        action: 'school.update',
        targetType: 'school',
        targetId: id,
        summary: { before, after: changes },
        scope: schoolScope(facts),
      },
    };
  });
  return getSchool(deps, ctx, id);
}

/** A provincial (or national) administrator approves a pending registration. */
export async function approveSchool(deps: Deps, ctx: RequestContext, id: string, comment: string | undefined): Promise<SchoolDto> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  await auditedTransaction(deps, ctx, async (trx, now) => {
    const row = await q.lockSchool(trx, id);
    const facts = row && schoolFacts(row);
    if (!facts) throw notFound();
    enforce(canSeeSchool(actor, facts), actor.role === 'national_admin' || actor.role === 'province_admin');
    if (row.status === 'returned') throw new AppError('SCHOOL_NOT_PENDING');
    if (!(await q.approveSchool(trx, id, actor.userId, now))) throw new AppError('SCHOOL_ALREADY_APPROVED');
    // A self-registered school (002 四.3): its administrator account is enabled now and told.
    const { applicantActivated } = await afterApproval(trx, now, row);
    return {
      result: null,
      audit: {
        action: 'school.approve',
        targetType: 'school',
        targetId: id,
        summary: { name: row.name, comment: comment ?? null, ...(row.self_registered ? { applicantActivated } : {}) },
        scope: schoolScope(facts),
      },
    };
  });
  return getSchool(deps, ctx, id);
}

// ── Departments (R2.2) ───────────────────────────────────────────────────────

function toDepartmentDto(actor: Actor, r: q.DepartmentRow): DepartmentDto {
  return {
    id: r.id,
    schoolId: r.school_id,
    name: r.name,
    majorCount: Number(r.major_count ?? 0),
    allowedActions: departmentActions(actor, deptFacts(r)),
  };
}

async function visibleDepartment(db: Db, actor: Actor, id: string): Promise<q.DepartmentRow> {
  const row = await q.findDepartment(db, id);
  if (!row || !canSeeDepartment(actor, deptFacts(row))) throw notFound();
  return row;
}

export async function listDepartments(deps: Deps, ctx: RequestContext, schoolId: string): Promise<DepartmentDto[]> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  await visibleSchool(deps.db, actor, schoolId);
  const rows = await q.listDepartments(deps.db, schoolId, scopeOf(actor));
  return rows.map((r) => toDepartmentDto(actor, r));
}

export async function createDepartment(deps: Deps, ctx: RequestContext, schoolId: string, name: string): Promise<DepartmentDto> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  const school = await visibleSchool(deps.db, actor, schoolId);
  enforce(true, schoolActions(actor, schoolFacts(school)).includes('manageDepartments'));
  if (await q.findDepartmentByName(deps.db, schoolId, name)) throw new AppError('DEPARTMENT_NAME_TAKEN');
  const id = await uniqueAs(
    'DEPARTMENT_NAME_TAKEN',
    auditedTransaction(deps, ctx, async (trx) => {
      const id = await q.insertDepartment(trx, schoolId, name);
      const audit = { action: 'department.create', targetType: 'department', targetId: id, summary: { schoolName: school.name, name } };
      return { result: id, audit: { ...audit, scope: schoolScope(schoolFacts(school)) } };
    }),
  );
  return toDepartmentDto(actor, (await q.findDepartment(deps.db, id))!);
}

export async function renameDepartment(deps: Deps, ctx: RequestContext, id: string, name: string): Promise<DepartmentDto> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  const d = await visibleDepartment(deps.db, actor, id);
  enforce(true, departmentActions(actor, deptFacts(d)).includes('update'));
  if (await q.findDepartmentByName(deps.db, d.school_id, name, id)) throw new AppError('DEPARTMENT_NAME_TAKEN');
  await uniqueAs(
    'DEPARTMENT_NAME_TAKEN',
    auditedTransaction(deps, ctx, async (trx) => {
      await q.renameDepartment(trx, id, name);
      const scope = { provinceCode: d.province_code, cityCode: d.city_code, schoolId: d.school_id };
      return {
        result: null,
        audit: { action: 'department.update', targetType: 'department', targetId: id, summary: { before: d.name, after: name }, scope },
      };
    }),
  );
  return toDepartmentDto(actor, (await q.findDepartment(deps.db, id))!);
}

export async function deleteDepartment(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  const d = await visibleDepartment(deps.db, actor, id);
  enforce(true, departmentActions(actor, deptFacts(d)).includes('delete'));
  await auditedTransaction(deps, ctx, async (trx) => {
    if (await q.departmentInUse(trx, id)) throw new AppError('DEPARTMENT_IN_USE');
    await q.deleteDepartment(trx, id);
    const scope = { provinceCode: d.province_code, cityCode: d.city_code, schoolId: d.school_id };
    return {
      result: null,
      audit: { action: 'department.delete', targetType: 'department', targetId: id, summary: { name: d.name }, scope },
    };
  });
}

// ── Majors and yearly figures (R2.2, R2.3) ───────────────────────────────────

function toYearDto(y: q.MajorYearRow): MajorYearDto {
  return {
    year: y.year,
    enrolledStudents: y.enrolled_students,
    fullTimeTeachers: y.full_time_teachers,
    partTimeTeachers: y.part_time_teachers,
    seniorTitleTeachers: y.senior_title_teachers,
    dualQualifiedTeachers: y.dual_qualified_teachers,
    industryExpertTeachers: y.industry_expert_teachers,
    nationalInnovationTeam: y.national_innovation_team,
    trainingRooms: y.training_rooms,
    offCampusBases: y.off_campus_bases,
    lastYearUsage: y.last_year_usage,
    updatedAt: y.updated_at.toISOString(),
  };
}

function toMajorDto(actor: Actor, m: q.MajorRow, years: q.MajorYearRow[], refYear: number | undefined, now: Date): SchoolMajorDto {
  const ys = years.filter((y) => y.school_major_id === m.id).map(toYearDto);
  const eligibilityYear = refYear ?? defaultEligibilityYear(ys, now.getFullYear());
  return {
    id: m.id,
    schoolId: m.school_id,
    departmentId: m.department_id,
    departmentName: m.department_name,
    majorCode: m.major_code,
    name: m.name,
    years: ys,
    eligibilityYear,
    eligibility: eligibilityFacts(ys, eligibilityYear),
    allowedActions: majorActions(actor, deptFacts({ ...m, id: m.department_id })),
  };
}

async function majorDtos(deps: Deps, actor: Actor, rows: q.MajorRow[], year?: number): Promise<SchoolMajorDto[]> {
  const years = await q.yearsOfMajors(
    deps.db,
    rows.map((r) => r.id),
  );
  const now = deps.clock.now();
  return rows.map((r) => toMajorDto(actor, r, years, year, now));
}

async function visibleMajor(db: Db, actor: Actor, id: string): Promise<q.MajorRow> {
  const m = await q.findMajor(db, id);
  if (!m || !canSeeDepartment(actor, deptFacts({ ...m, id: m.department_id }))) throw notFound();
  return m;
}
const majorScope = (m: q.MajorRow) => ({ provinceCode: m.province_code, cityCode: m.city_code, schoolId: m.school_id });

export async function listMajors(
  deps: Deps,
  ctx: RequestContext,
  schoolId: string,
  f: { departmentId?: string | undefined; year?: number | undefined },
): Promise<SchoolMajorDto[]> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  await visibleSchool(deps.db, actor, schoolId);
  return majorDtos(deps, actor, await q.listMajors(deps.db, schoolId, scopeOf(actor), f.departmentId), f.year);
}

export async function getMajor(deps: Deps, ctx: RequestContext, id: string, year?: number): Promise<SchoolMajorDto> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  return (await majorDtos(deps, actor, [await visibleMajor(deps.db, actor, id)], year))[0]!;
}

/** The target department must be in the school and open to the actor for adding majors. */
async function departmentForMajor(db: Db, actor: Actor, schoolId: string, departmentId: string): Promise<q.DepartmentRow> {
  const d = await q.findDepartment(db, departmentId);
  if (!d || d.school_id !== schoolId) throw invalid('departmentId', '该二级学院不属于本校');
  enforce(canSeeDepartment(actor, deptFacts(d)), departmentActions(actor, deptFacts(d)).includes('addMajor'));
  return d;
}

export async function createMajor(
  deps: Deps,
  ctx: RequestContext,
  schoolId: string,
  input: { departmentId: string; majorCode: string; name: string },
): Promise<SchoolMajorDto> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  const school = await visibleSchool(deps.db, actor, schoolId);
  await departmentForMajor(deps.db, actor, schoolId, input.departmentId);
  if (await q.findMajorByCode(deps.db, schoolId, input.majorCode)) throw new AppError('SCHOOL_MAJOR_EXISTS');
  const id = await uniqueAs(
    'SCHOOL_MAJOR_EXISTS',
    auditedTransaction(deps, ctx, async (trx, now) => {
      const id = await q.insertMajor(trx, { ...input, schoolId, provinceCode: school.province_code }, now);
      return {
        result: id,
        audit: {
          action: 'school_major.create',
          targetType: 'school_major',
          targetId: id,
          summary: input,
          scope: schoolScope(schoolFacts(school)),
        },
      };
    }),
  );
  return getMajor(deps, ctx, id);
}

export async function updateMajor(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { departmentId?: string | undefined; majorCode?: string | undefined; name?: string | undefined },
): Promise<SchoolMajorDto> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  const m = await visibleMajor(deps.db, actor, id);
  enforce(true, majorActions(actor, deptFacts({ ...m, id: m.department_id })).includes('update'));
  if (input.departmentId && input.departmentId !== m.department_id)
    await departmentForMajor(deps.db, actor, m.school_id, input.departmentId);
  if (input.majorCode && input.majorCode !== m.major_code && (await q.findMajorByCode(deps.db, m.school_id, input.majorCode)))
    throw new AppError('SCHOOL_MAJOR_EXISTS');
  await uniqueAs(
    'SCHOOL_MAJOR_EXISTS',
    auditedTransaction(deps, ctx, async (trx, now) => {
      await q.updateMajor(trx, id, input, now);
      const summary = { before: { departmentId: m.department_id, majorCode: m.major_code, name: m.name }, after: input };
      return {
        result: null,
        audit: { action: 'school_major.update', targetType: 'school_major', targetId: id, summary, scope: majorScope(m) },
      };
    }),
  );
  return getMajor(deps, ctx, id);
}

export async function deleteMajor(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  const m = await visibleMajor(deps.db, actor, id);
  enforce(true, majorActions(actor, deptFacts({ ...m, id: m.department_id })).includes('delete'));
  await auditedTransaction(deps, ctx, async (trx) => {
    await q.deleteMajor(trx, id);
    const summary = { majorCode: m.major_code, name: m.name, departmentName: m.department_name };
    return {
      result: null,
      audit: { action: 'school_major.delete', targetType: 'school_major', targetId: id, summary, scope: majorScope(m) },
    };
  });
}

/** Records (or replaces) a major's figures of one year. */
export async function putMajorYear(deps: Deps, ctx: RequestContext, id: string, year: number, f: MajorFigures): Promise<SchoolMajorDto> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  const m = await visibleMajor(deps.db, actor, id);
  enforce(true, majorActions(actor, deptFacts({ ...m, id: m.department_id })).includes('editFigures'));
  await auditedTransaction(deps, ctx, async (trx, now) => {
    await q.upsertYear(trx, id, m.province_code, { ...f, year }, actor.userId, now);
    const summary = { majorCode: m.major_code, name: m.name, year, ...f };
    return {
      result: null,
      audit: { action: 'school_major.figures', targetType: 'school_major', targetId: id, summary, scope: majorScope(m) },
    };
  });
  return getMajor(deps, ctx, id, year);
}

// ── Bulk import of majors and yearly figures (R2.2) ──────────────────────────

async function schoolForImport(db: Db, actor: Actor, schoolId: string): Promise<q.SchoolRow> {
  const school = await visibleSchool(db, actor, schoolId);
  enforce(true, schoolActions(actor, schoolFacts(school)).includes('manageMajors'));
  return school;
}

export async function majorsImportTemplate(
  deps: Deps,
  ctx: RequestContext,
  schoolId: string,
): Promise<{ bytes: Buffer; filename: string }> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  const school = await schoolForImport(deps.db, actor, schoolId);
  const depts = await q.listDepartments(deps.db, schoolId, scopeOf(actor));
  return {
    bytes: await buildMajorsTemplate(
      school.name,
      depts.map((d) => d.name),
    ),
    filename: `${school.name}-专业数据导入模板.xlsx`,
  };
}

/**
 * Imports majors and their yearly figures from the template (R2.2): every row is validated first; any error → 422
 * IMPORT_INVALID listing them and nothing is written; otherwise all rows are upserted in one transaction with one audit
 * row. Departments must already exist (a typo must not create a department); a department administrator imports only
 * rows of its own department. Facilities (training rooms, bases) are not in the file and are kept.
 */
export async function importMajors(
  deps: Deps,
  ctx: RequestContext,
  schoolId: string,
  file: { bytes: Buffer; filename: string },
): Promise<{ rows: number; majorsCreated: number; majorsUpdated: number; yearsWritten: number }> {
  const actor = requireActor(ctx, SCHOOL_READ_ROLES);
  const school = await schoolForImport(deps.db, actor, schoolId);
  const parsed = await parseMajorsFile(file.bytes);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const departments = await q.departmentsOfSchool(trx, schoolId);
    const majors = await q.majorsOfSchool(trx, schoolId);
    const writable = departments.filter((d) =>
      majorActions(actor, deptFacts({ ...school, id: d.id, school_id: schoolId })).includes('editFigures'),
    );
    const errors = [
      ...parsed.errors,
      ...crossCheckRows(parsed.rows, { departments, majors, writableDepartmentIds: new Set(writable.map((d) => d.id)) }),
    ];
    if (errors.length) throw new AppError('IMPORT_INVALID', { errors: errors.sort((a, b) => a.row - b.row) });

    const deptId = new Map(departments.map((d) => [d.name, d.id]));
    const majorId = new Map(majors.map((m) => [m.major_code, m.id]));
    let majorsCreated = 0;
    const touched = new Set<string>();
    for (const r of parsed.rows) {
      let id = majorId.get(r.majorCode);
      if (!id) {
        const v = {
          schoolId,
          departmentId: deptId.get(r.departmentName)!,
          provinceCode: school.province_code,
          majorCode: r.majorCode,
          name: r.name,
        };
        id = await q.insertMajor(trx, v, now);
        majorId.set(r.majorCode, id);
        majorsCreated++;
      } else if (!touched.has(id)) {
        await q.updateMajor(trx, id, { name: r.name }, now);
      }
      touched.add(id);
      await q.upsertYear(trx, id, school.province_code, r, actor.userId, now);
    }
    const result = {
      rows: parsed.rows.length,
      majorsCreated,
      majorsUpdated: touched.size - majorsCreated,
      yearsWritten: parsed.rows.length,
    };
    const hash = createHash('sha256').update(file.bytes).digest('hex');
    return {
      result,
      audit: {
        action: 'school_major.import',
        targetType: 'school',
        targetId: schoolId,
        summary: { filename: file.filename, sha256: hash, ...result },
        scope: schoolScope(schoolFacts(school)),
      },
    };
  });
}
