import {
  type CreatePolicyDocumentRequest,
  type CreatePolicyRuleRequest,
  type CustomPolicyRule,
  type EffectivePoliciesDto,
  type ExamForm,
  type PolicyDocument,
  type PolicyDocumentDto,
  type PolicyRuleKind,
  type PolicySet,
  type PolicySubject,
  POLICY_RULE_PARAMS_SCHEMAS,
  SEED_POLICY_DOCUMENTS,
  SEED_RULE_SOURCES,
  capsAboveNational,
  capsAboveNationalMessage,
  documentsFor,
  feeCapsFor,
  feeCapsParamsSchema,
  filingRulesFor,
  policyTextsFor,
  schoolRuleRelaxes,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import { AppError, notFound } from '../../lib/errors';
import type { Deps } from '../../lib/deps';
import { auditedTransaction } from '../audit/audit.service';
import * as q from './policies.queries';

/**
 * Policies with a jurisdiction (issue 18 item 0): the seeds' documents (built in) and those a province, a school or
 * the national level adds, each in force only inside its jurisdiction; the filing rules, fee caps and texts of a
 * school are computed from the documents in force there (`packages/shared/src/policies.ts`).
 */

const toDocument = (r: q.DocumentRow): PolicyDocument => ({
  key: r.id,
  number: r.number,
  title: r.title,
  issuer: r.issuer,
  builtIn: false,
  jurisdiction:
    r.level === 'national'
      ? { level: 'national' }
      : r.level === 'province'
        ? { level: 'province', provinceCode: r.province_code! }
        : { level: 'school', provinceCode: r.province_code!, schoolId: r.school_id!, schoolName: r.school_name ?? undefined },
});

/** The documents and rules added on the platform that can be in force in a province (null: every province). */
async function platformPolicies(db: Db, provinceCode: string | null): Promise<{ rows: q.DocumentRow[]; set: PolicySet }> {
  const rows = await q.documentsOfProvince(db, provinceCode);
  const rules = await q.rulesOfDocuments(
    db,
    rows.map((r) => r.id),
  );
  return {
    rows,
    set: {
      documents: rows.map(toDocument),
      rules: rules.map((r): CustomPolicyRule => ({
        id: r.id,
        documentId: r.document_id,
        kind: r.kind as PolicyRuleKind,
        clause: r.clause,
        severity: r.severity,
        params: r.params,
      })),
    },
  };
}

/** The policy subject of a school (404 if it does not exist). */
export async function subjectOfSchool(db: Db, schoolId: string): Promise<PolicySubject> {
  const s = await q.schoolSubject(db, schoolId);
  if (!s) throw notFound();
  return { provinceCode: s.province_code, schoolId: s.id, schoolName: s.name };
}

/** What other modules call: the documents and rules in force for a school (the filing rules, the fee caps). */
export async function policySetOf(db: Db, subject: PolicySubject): Promise<PolicySet> {
  return (await platformPolicies(db, subject.provinceCode)).set;
}

/** The filing rules of a school (R3.5), each citing only documents in force there. */
export async function filingRulesOfSchool(db: Db, schoolId: string) {
  const subject = await subjectOfSchool(db, schoolId);
  const set = await policySetOf(db, subject);
  return { subject, set, rules: filingRulesFor(subject, set), feeCaps: feeCapsFor(subject, set) };
}

function effective(subject: PolicySubject, set: PolicySet): Omit<EffectivePoliciesDto, 'documents'> {
  return {
    subject,
    filingRules: filingRulesFor(subject, set).map((r) => ({
      id: r.id,
      severity: r.severity,
      params: r.params,
      description: r.description,
      source: r.source,
    })),
    feeCaps: feeCapsFor(subject, set),
    texts: policyTextsFor(subject, set.documents),
  };
}

function documentDto(d: PolicyDocument, set: PolicySet): PolicyDocumentDto {
  const j = d.jurisdiction;
  const rules = d.builtIn
    ? Object.entries(SEED_RULE_SOURCES).flatMap(([kind, sources]) =>
        sources
          .filter((s) => s.doc === d.key)
          .map((s) => ({ id: `${d.key}:${kind}`, kind, clause: s.clause, severity: s.severity ?? null, params: s.params ?? {} })),
      )
    : set.rules
        .filter((r) => r.documentId === d.key)
        .map((r) => ({ id: r.id, kind: r.kind, clause: r.clause, severity: r.severity, params: r.params }));
  return {
    key: d.key,
    number: d.number,
    title: d.title,
    issuer: d.issuer,
    level: j.level,
    provinceCode: j.level === 'national' ? null : j.provinceCode,
    schoolId: j.level === 'school' ? (j.schoolId ?? null) : null,
    schoolName: j.level === 'school' ? (j.schoolName ?? null) : null,
    builtIn: d.builtIn,
    rules,
  };
}

/** The school an actor's policies default to; a school-bound actor is never shown another school's. */
function ownSchool(actor: Actor): string | null {
  return ['school_admin', 'department_admin', 'project_leader'].includes(actor.role) ? (actor.schoolId ?? null) : null;
}

/**
 * GET /policies/effective: the documents, filing rules, fee caps and texts in force for a school (or, without a
 * school, for a province). A school's own people see only their school; a province, a city or an expert the schools
 * of their province; learners read any school's (the rules are published documents); the nation any.
 */
export async function getEffectivePolicies(
  deps: Deps,
  ctx: RequestContext,
  query: { schoolId?: string; provinceCode?: string },
): Promise<EffectivePoliciesDto> {
  const actor = requireActor(ctx);
  const schoolId = ownSchool(actor) ?? query.schoolId ?? null;
  if (ownSchool(actor) && query.schoolId && query.schoolId !== ownSchool(actor)) throw notFound();
  let subject: PolicySubject;
  if (schoolId) subject = await subjectOfSchool(deps.db, schoolId);
  else {
    const provinceCode = query.provinceCode ?? actor.provinceCode ?? null;
    if (!provinceCode) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'query.schoolId', message: '请选择学校或省份' }] });
    subject = { provinceCode, schoolId: null, schoolName: null };
  }
  if (actor.provinceCode && actor.role !== 'learner' && subject.provinceCode !== actor.provinceCode) throw notFound();
  const set = await policySetOf(deps.db, subject);
  return { ...effective(subject, set), documents: documentsFor(subject, set.documents).map((d) => documentDto(d, set)) };
}

/** GET /policies/documents: the documents of the actor's scope (a school: those in force there; a province: its own and its schools'). */
export async function listPolicyDocuments(deps: Deps, ctx: RequestContext): Promise<PolicyDocumentDto[]> {
  const actor = requireActor(ctx);
  const school = ownSchool(actor);
  if (school) {
    const subject = await subjectOfSchool(deps.db, school);
    const set = await policySetOf(deps.db, subject);
    return documentsFor(subject, set.documents).map((d) => documentDto(d, set));
  }
  const province = actor.role === 'national_admin' ? null : (actor.provinceCode ?? null);
  if (actor.role !== 'national_admin' && province === null)
    return SEED_POLICY_DOCUMENTS.filter((d) => d.jurisdiction.level === 'national').map((d) =>
      documentDto(d, { documents: [], rules: [] }),
    );
  const { set } = await platformPolicies(deps.db, province);
  return [...SEED_POLICY_DOCUMENTS, ...set.documents]
    .filter((d) => province === null || d.jurisdiction.level === 'national' || d.jurisdiction.provinceCode === province)
    .map((d) => documentDto(d, set));
}

const MANAGERS = ['national_admin', 'province_admin', 'school_admin'] as const;

/** Whether the actor may add to a jurisdiction: the nation anything, a province its own and its schools', a school itself. */
function mayManage(actor: Actor, j: { level: string; provinceCode: string | null; schoolId: string | null }): boolean {
  if (actor.role === 'national_admin') return true;
  if (actor.role === 'province_admin') return j.level !== 'national' && j.provinceCode === actor.provinceCode;
  if (actor.role === 'school_admin') return j.level === 'school' && j.schoolId === actor.schoolId;
  return false;
}

/** POST /policies/documents: a province's or a school's own document (audited). */
export async function createPolicyDocument(deps: Deps, ctx: RequestContext, b: CreatePolicyDocumentRequest): Promise<PolicyDocumentDto> {
  const actor = requireActor(ctx, MANAGERS);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    let provinceCode: string | null = null;
    let schoolId: string | null = null;
    if (b.jurisdiction.level === 'province') provinceCode = b.jurisdiction.provinceCode;
    if (b.jurisdiction.level === 'school') {
      const s = await q.schoolSubject(trx, b.jurisdiction.schoolId);
      if (!s) throw notFound();
      provinceCode = s.province_code;
      schoolId = s.id;
    }
    const j = { level: b.jurisdiction.level, provinceCode, schoolId };
    if (!mayManage(actor, j)) {
      if (actor.role === 'national_admin' || b.jurisdiction.level === 'national') throw new AppError('FORBIDDEN');
      if (actor.role === 'school_admin' && b.jurisdiction.level === 'province') throw new AppError('FORBIDDEN');
      throw notFound();
    }
    const id = await q.insertDocument(trx, { ...j, number: b.number, title: b.title, issuer: b.issuer }, actor.userId, now);
    const { set } = await platformPolicies(trx, provinceCode);
    const doc = set.documents.find((d) => d.key === id)!;
    return {
      result: documentDto(doc, set),
      audit: {
        action: 'policy.document_create',
        targetType: 'policy_document',
        targetId: id,
        summary: { number: b.number, level: j.level, provinceCode, schoolId },
        scope: { provinceCode, schoolId },
      },
    };
  });
}

/** POST /policies/documents/{id}/rules: a rule of one of the actor's own documents (audited). */
export async function addPolicyRule(
  deps: Deps,
  ctx: RequestContext,
  documentId: string,
  b: CreatePolicyRuleRequest,
): Promise<PolicyDocumentDto> {
  const actor = requireActor(ctx, MANAGERS);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const d = await q.findDocument(trx, documentId);
    if (!d || !mayManage(actor, { level: d.level, provinceCode: d.province_code, schoolId: d.school_id })) throw notFound();
    const params = b.params ?? {};
    // Fee caps replace the default caps for a whole province: a provincial (or national) document only.
    const caps = b.kind === 'fee_caps' ? feeCapsParamsSchema.safeParse(params) : null;
    if (caps && (d.level === 'school' || !caps.success)) throw new AppError('POLICY_RULE_INVALID', { kind: b.kind });
    // Issue 17 item 6 (R1.2, 教职成〔2019〕6号 四（一）): a province sets its caps at or below the national ones only.
    const over = caps?.success ? capsAboveNational(caps.data as Record<ExamForm, number>) : [];
    if (over.length) throw new AppError('FEE_CAP_ABOVE_NATIONAL', { over }, capsAboveNationalMessage(over));
    // The parameters the filing checks will read, of the kind's shape (anything else would break them for every school).
    const checked = POLICY_RULE_PARAMS_SCHEMAS[b.kind].safeParse(params);
    if (!checked.success)
      throw new AppError('VALIDATION_FAILED', {
        fields: checked.error.issues.map((i) => ({ path: ['body', 'params', ...i.path].join('.'), message: i.message })),
      });
    // A school's document adds to the rules above it; it cannot lift a blocking national or provincial rule.
    if (d.level === 'school') {
      const { set: above } = await platformPolicies(trx, d.province_code);
      if (schoolRuleRelaxes({ kind: b.kind, severity: b.severity ?? null, params }, d.province_code!, above))
        throw new AppError('POLICY_RULE_RELAXES', { kind: b.kind });
    }
    const id = await q.insertRule(
      trx,
      { documentId, kind: b.kind, clause: b.clause, severity: b.severity ?? null, params },
      actor.userId,
      now,
    );
    const { set } = await platformPolicies(trx, d.province_code);
    return {
      result: documentDto(
        set.documents.find((x) => x.key === documentId)!,
        set,
      ),
      audit: {
        action: 'policy.rule_add',
        targetType: 'policy_document',
        targetId: documentId,
        summary: { ruleId: id, kind: b.kind, clause: b.clause, severity: b.severity ?? null, params },
        scope: { provinceCode: d.province_code, schoolId: d.school_id },
      },
    };
  });
}
