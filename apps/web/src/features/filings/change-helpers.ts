import {
  CHANGEABLE_SECTIONS,
  FILING_SECTION_SCHEMAS,
  type ChangeRequestDto,
  type ChangeRequestStatus,
  type ChangeableSection,
  type FilingDetailDto,
} from '@onex/shared';
import { cleanDraft } from './filing-helpers';

/**
 * Change requests of an approved filing (R3.7, 粤生态职院〔2023〕18号 第七条): the form's starting values, the body the
 * server takes, the problems to show before sending, and the display helpers.
 */

/** Tag colours of the change request statuses (labels: `CHANGE_REQUEST_STATUS_LABELS`). */
export const CHANGE_STATUS_COLORS: Record<ChangeRequestStatus, string> = {
  submitted: 'gold',
  recorded: 'green',
  refused: 'red',
  withdrawn: 'default',
};

/** The statuses of the province's queue filter; `pending` is what the server calls submitted. */
export const CHANGE_QUEUE_FILTERS = ['pending', 'recorded', 'refused', 'all'] as const;
export type ChangeQueueFilter = (typeof CHANGE_QUEUE_FILTERS)[number];

/** A filter from the URL (`?status=`), pending unless it is one of the others. */
export function toQueueFilter(value: string | null | undefined): ChangeQueueFilter {
  return (CHANGE_QUEUE_FILTERS as readonly string[]).includes(value ?? '') ? (value as ChangeQueueFilter) : 'pending';
}

/** The `status` query parameter of a filter (none for all). */
export const queueStatusParam = (f: ChangeQueueFilter): string | undefined => (f === 'all' ? undefined : f);

type Obj = Record<string, unknown>;

/** Values the change form starts from: the filing's current content of each section a request may change. */
export function changeFormInitial(f: Pick<FilingDetailDto, 'sections'>): Record<ChangeableSection, Obj> {
  const s = f.sections;
  const obj = (v: unknown, empty: Obj): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : empty);
  return {
    plan: { rows: s.plan.rows.map((r) => ({ ...r })) },
    leader: obj(s.leader, {}),
    team: obj(s.team, { members: [{}] }),
    overview: obj(s.overview, {}),
    courseSupport: obj(s.courseSupport, { courses: [{}] }),
    feasibility: obj(s.feasibility, { majors: [{}], experts: [{ signed: false }, { signed: false }, { signed: false }] }),
  };
}

/** The proposed content of the chosen sections, in the order of CHANGEABLE_SECTIONS, as the server takes it. */
export function changeSectionsBody(chosen: readonly ChangeableSection[], values: Obj): Partial<Record<ChangeableSection, Obj>> {
  const out: Partial<Record<ChangeableSection, Obj>> = {};
  for (const s of CHANGEABLE_SECTIONS) {
    if (!chosen.includes(s)) continue;
    const v = values[s] as Obj | undefined;
    if (s === 'plan') {
      const rows = Array.isArray(v?.rows) ? (v.rows as Obj[]) : [];
      out.plan = {
        rows: rows.map((r) => ({
          schoolMajorId: r.schoolMajorId,
          enrolledStudents: typeof r.enrolledStudents === 'number' ? r.enrolledStudents : 0,
          fullTimeTeachers: typeof r.fullTimeTeachers === 'number' ? r.fullTimeTeachers : 0,
          plannedTrainees: typeof r.plannedTrainees === 'number' ? r.plannedTrainees : 0,
        })),
      };
    } else {
      out[s] = (cleanDraft(v) as Obj | undefined) ?? {};
    }
  }
  return out;
}

/** One missing or invalid field of a proposed section: where (keys and row indexes under the section). */
export interface ChangeProblem {
  section: ChangeableSection;
  path: (string | number)[];
}

/** The fields that keep the proposed sections from being complete (each must satisfy its whole section schema). */
export function changeProblems(sections: Partial<Record<ChangeableSection, unknown>>): ChangeProblem[] {
  const out: ChangeProblem[] = [];
  for (const s of CHANGEABLE_SECTIONS) {
    if (sections[s] === undefined) continue;
    const r = FILING_SECTION_SCHEMAS[s].safeParse(sections[s]);
    if (!r.success)
      for (const i of r.error.issues) out.push({ section: s, path: i.path.filter((p): p is string | number => typeof p !== 'symbol') });
  }
  // One line per field: a field with several issues (too short and a bad value) is one problem.
  const seen = new Set<string>();
  return out.filter((p) => {
    const k = `${p.section}:${p.path.join('.')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The i18n keys (under `filings.`) of the section fields, to name a problem's path in people's words. */
export const FIELD_LABEL_KEYS: Record<string, string> = {
  name: 'name',
  title: 'title',
  post: 'post',
  yearsOfWork: 'yearsOfWork',
  achievements: 'achievements',
  members: 'teamTitle',
  role: 'role',
  rows: 'planTitle',
  schoolMajorId: 'majorName',
  enrolledStudents: 'enrolled',
  fullTimeTeachers: 'teachers',
  plannedTrainees: 'trainees',
  teachers: 'teachersTitle',
  fullTime: 'fullTime',
  partTime: 'partTime',
  seniorTitle: 'seniorTitle',
  dualQualifiedRatio: 'dualRatio',
  industryExpertRatio: 'industryRatio',
  nationalInnovationTeam: 'innovationTeam',
  facilities: 'facilitiesTitle',
  trainingRooms: 'trainingRooms',
  areaM2: 'area',
  workstations: 'workstations',
  offCampusBases: 'offCampus',
  lastYearUsage: 'lastYearUsage',
  notes: 'facilitiesNotes',
  courses: 'coursesTitle',
  credits: 'credits',
  hours: 'hours',
  note: 'note',
  leaderName: 'reportLeader',
  fundingSource: 'fundingSource',
  responsibleDepartment: 'responsibleDept',
  date: 'reportDate',
  place: 'reportPlace',
  majors: 'reportMajors',
  headcount: 'headcount',
  experts: 'expertsTitle',
  unit: 'expertUnit',
  titleOrPost: 'expertTitle',
  signed: 'signed',
  conclusion: 'conclusion',
};

/**
 * A problem's path in words: `项目人员 › 第 2 项 › 姓名`. `label(key)` translates a `filings.` key; `item(n)` names a
 * row (1-based). Unknown keys are shown as they are.
 */
export function problemPathText(
  path: readonly (string | number)[],
  label: (key: string) => string,
  item: (n: number) => string,
  sep = ' › ',
): string {
  return path
    .map((p) => (typeof p === 'number' ? item(p + 1) : FIELD_LABEL_KEYS[p] ? label(`filings.${FIELD_LABEL_KEYS[p]}`) : p))
    .join(sep);
}

/** The pending request of a filing, if any (a filing has at most one at a time). */
export const pendingRequest = (items: readonly ChangeRequestDto[] | undefined) => items?.find((r) => r.status === 'submitted');

/**
 * The problems of a server VALIDATION_FAILED (`details.fields[].path` like `body.sections.team.members.0.name`);
 * paths outside the sections (e.g. `body.reason`) are left out.
 */
export function problemsFromServer(fields: unknown): ChangeProblem[] {
  if (!Array.isArray(fields)) return [];
  const out: ChangeProblem[] = [];
  for (const f of fields) {
    const path = typeof (f as { path?: unknown } | null)?.path === 'string' ? (f as { path: string }).path : '';
    const parts = path.split('.');
    if (parts[0] === 'body') parts.shift();
    if (parts[0] !== 'sections') continue;
    const section = parts[1] as ChangeableSection;
    if (!(CHANGEABLE_SECTIONS as readonly string[]).includes(section)) continue;
    out.push({ section, path: parts.slice(2).map((p) => (/^\d+$/.test(p) ? Number(p) : p)) });
  }
  return out;
}
