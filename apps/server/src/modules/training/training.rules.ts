import { requiredTrained } from '@onex/shared';

/**
 * Coverage of a pilot (R9.3; 鄂教职成办函〔2021〕7号 三.4): the teachers trained for it — a teacher-training record on
 * the pilot, or the pilot's X certificate held (三.4 encourages the certificate as the training standard) — and its
 * 考评员 — an assessor-training record on the pilot, or a 考评员 qualification for its certificate — against the
 * numbers its student scale needs (`requiredTrained`).
 */
export interface CoverageInput {
  filingId: string;
  schoolId: string;
  certificateTypeId: string;
  studentScale: number;
}
export interface TrainedPerson {
  filing_id: string;
  kind: 'teacher' | 'assessor';
  teacher_name: string;
}
export interface QualifiedPerson {
  school_id: string;
  certificate_type_id: string;
  kind: 'x_certificate' | 'assessor';
  teacher_name: string;
}

export function coverageOf(p: CoverageInput, trained: readonly TrainedPerson[], qualified: readonly QualifiedPerson[]) {
  const teachers = new Set<string>();
  const assessors = new Set<string>();
  for (const t of trained) if (t.filing_id === p.filingId) (t.kind === 'teacher' ? teachers : assessors).add(t.teacher_name);
  for (const x of qualified)
    if (x.school_id === p.schoolId && x.certificate_type_id === p.certificateTypeId)
      (x.kind === 'x_certificate' ? teachers : assessors).add(x.teacher_name);
  const need = requiredTrained(p.studentScale);
  return {
    requiredTeachers: need.teachers,
    trainedTeachers: teachers.size,
    requiredAssessors: need.assessors,
    qualifiedAssessors: assessors.size,
    short: teachers.size < need.teachers || assessors.size < need.assessors,
  };
}

/** A plan is sized by its pilot's scale: fewer planned trainees than the scale needs is flagged (三.4), not refused. */
export function planRequired(kind: 'teacher' | 'assessor', studentScale: number): number {
  const need = requiredTrained(studentScale);
  return kind === 'teacher' ? need.teachers : need.assessors;
}

export function pilotIsActive(p: {
  status: string;
  decision: string | null;
  pilot_ended_year: number | null;
  cancelled_at: Date | null;
}): boolean {
  const approved = p.status === 'approved' || (p.status === 'published' && p.decision === 'approved');
  return approved && p.pilot_ended_year === null && p.cancelled_at === null;
}
