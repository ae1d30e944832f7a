import {
  type CertificateLevel,
  type CertificateTypeStatus,
  type FilingAttachmentKind,
  type FilingFacts,
  type FilingRoundStatus,
  type FilingRoundType,
  type SchoolType,
  missingFieldLine,
  missingFilingFields,
} from '@onex/shared';

/** The stored JSON sections of a filing, by section name (basics and plan live in columns and rows). */
export interface StoredSections {
  leader: unknown;
  team: unknown;
  overview: unknown;
  opinions: unknown;
  courseSupport: unknown;
  feasibility: unknown;
}

/**
 * Everything still missing before submission, over all sections of 备案表 and 论证报告 (pure): the shared
 * `missingFilingFields`, the same function the filing wizard marks its steps with.
 */
export function filingSectionProblems(levels: readonly CertificateLevel[], planRowCount: number, s: StoredSections): string[] {
  return missingFilingFields({ levels, planRows: Array.from({ length: planRowCount }), sections: s }).map(missingFieldLine);
}

/** Courses named in the course-support section (an incomplete section may still name some). */
export function courseCount(courseSupport: unknown): number {
  const courses = (courseSupport as { courses?: unknown } | null)?.courses;
  return Array.isArray(courses)
    ? courses.filter((c) => typeof (c as { name?: unknown })?.name === 'string' && (c as { name: string }).name.trim()).length
    : 0;
}

export interface FactInputs {
  now: Date;
  round: {
    status: FilingRoundStatus;
    type: FilingRoundType;
    school_submission_deadline: Date | null;
    admitted_batch_codes: string[];
    required_attachments: FilingAttachmentKind[];
  };
  certificate: { name: string; status: CertificateTypeStatus; batch_code: string };
  schoolType: SchoolType;
  levels: readonly CertificateLevel[];
  plan: readonly { schoolMajorId: string; majorName: string; plannedTrainees: number }[];
  otherPilots: ReadonlyMap<string, number>;
  sections: StoredSections;
  presentAttachments: readonly FilingAttachmentKind[];
  previousPassRate: number | null;
  passRateOverridden: boolean;
}

/** Gathers the facts the shared rules evaluate (pure). */
export function buildFacts(i: FactInputs): FilingFacts {
  return {
    now: i.now.toISOString(),
    round: {
      status: i.round.status,
      type: i.round.type,
      schoolSubmissionDeadline: i.round.school_submission_deadline?.toISOString() ?? null,
      admittedBatchCodes: i.round.admitted_batch_codes,
    },
    certificate: { name: i.certificate.name, status: i.certificate.status, batchCode: i.certificate.batch_code },
    schoolType: i.schoolType,
    levels: i.levels,
    plannedTrainees: i.plan.reduce((s, r) => s + r.plannedTrainees, 0),
    majorsWithOtherPilots: i.plan.map((r) => ({ majorName: r.majorName, otherPilots: i.otherPilots.get(r.schoolMajorId) ?? 0 })),
    courseCount: courseCount(i.sections.courseSupport),
    previousPassRate: i.previousPassRate,
    passRateOverridden: i.passRateOverridden,
    sectionProblems: filingSectionProblems(i.levels, i.plan.length, i.sections),
    missingAttachments: i.round.required_attachments.filter((k) => !i.presentAttachments.includes(k)),
  };
}

/** Whether a round takes submissions now: open, and (集中备案) not past the school deadline. */
export function roundAcceptsSubmissions(
  round: { status: FilingRoundStatus; type: FilingRoundType; school_submission_deadline: Date | null },
  now: Date,
): boolean {
  if (round.status !== 'open') return false;
  return round.type === 'rolling' || !round.school_submission_deadline || now.getTime() <= round.school_submission_deadline.getTime();
}
