import type {
  ApplicationAction,
  ApplicationStatus,
  CertificateLevel,
  ConversionApplicationDto,
  ConversionPreviewDto,
  CourseCategory,
  CreditBankSettingsDto,
  CreditOutcomeDto,
  DepositableOutcomeType,
  LearningAccountDetailDto,
  LearningAccountSummaryDto,
  LedgerEntryDto,
  Page,
  RecognitionRuleDto,
  RuleAction,
  RulePreviewDto,
  RuleStatus,
  SchoolCourseDto,
} from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api } from '../../lib/api';

/** The credit bank's endpoints (R7): one key root so that every write refreshes what it may have changed. */
export const creditKeys = {
  all: ['credit-bank'] as const,
  mine: ['credit-bank', 'mine'] as const,
  myPreview: ['credit-bank', 'mine', 'preview'] as const,
  myApplications: ['credit-bank', 'mine', 'applications'] as const,
  accounts: (q: AccountQuery) => ['credit-bank', 'accounts', q] as const,
  account: (id: string) => ['credit-bank', 'account', id] as const,
  courses: (schoolMajorId?: string) => ['credit-bank', 'courses', schoolMajorId ?? 'all'] as const,
  settings: ['credit-bank', 'settings'] as const,
  rules: (q: RuleQuery) => ['credit-bank', 'rules', q] as const,
  rule: (id: string) => ['credit-bank', 'rule', id] as const,
  rulePreview: (id: string, learnerId: string) => ['credit-bank', 'rule-preview', id, learnerId] as const,
  applications: (q: ApplicationQuery) => ['credit-bank', 'applications', q] as const,
  learnerPreview: (learnerId: string) => ['credit-bank', 'learner-preview', learnerId] as const,
  outcomes: (q: OutcomeQuery) => ['credit-bank', 'outcomes', q] as const,
};

export interface AccountQuery {
  page: number;
  pageSize: number;
  q?: string;
  idNumber?: string;
}
export interface RuleQuery {
  page: number;
  pageSize: number;
  /** The province's filter: one of its schools (a school administrator sees only its own). */
  schoolId?: string;
  schoolMajorId?: string;
  status?: RuleStatus;
}
export interface ApplicationQuery {
  page: number;
  pageSize: number;
  status?: ApplicationStatus;
}
export interface OutcomeQuery {
  page: number;
  pageSize: number;
  q?: string;
  level?: CertificateLevel;
}

function useWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: creditKeys.all });
    },
  });
}

/** `POST path` with `file` as the multipart field `file` (the .xlsx imports and the evidence PDF). */
function uploadFile<R>(path: string, file: File): Promise<R> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<R>(path, form);
}

// ---- The learner's own account ----

export const useMyAccount = () =>
  useQuery({ queryKey: creditKeys.mine, queryFn: () => api.get<LearningAccountDetailDto>('/me/learning-account/details'), retry: false });
export const useMyPreview = () =>
  useQuery({ queryKey: creditKeys.myPreview, queryFn: () => api.get<ConversionPreviewDto>('/me/conversion-preview'), retry: false });
export const useMyApplications = () =>
  useQuery({
    queryKey: creditKeys.myApplications,
    queryFn: () => api.get<Page<ConversionApplicationDto>>('/me/conversion-applications', { pageSize: 50 }),
  });
export const useApplyForMe = () =>
  useWrite((note: string | null) => api.post<ConversionApplicationDto>('/me/conversion-applications', { note }));
export const myTranscriptUrl = `${API_BASE}/me/learning-account/transcript`;
export const myExportUrl = `${API_BASE}/me/learning-account/export`;

// ---- Accounts ----

export const useAccounts = (q: AccountQuery) =>
  useQuery({
    queryKey: creditKeys.accounts(q),
    queryFn: ({ signal }) => api.get<Page<LearningAccountSummaryDto>>('/learning-accounts', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
export const useAccount = (id: string) =>
  useQuery({
    queryKey: creditKeys.account(id),
    queryFn: () => api.get<LearningAccountDetailDto>(`/learning-accounts/${encodeURIComponent(id)}`),
  });
export const transcriptUrl = (id: string) => `${API_BASE}/learning-accounts/${encodeURIComponent(id)}/transcript`;
export const useOpenAccounts = () => useWrite(() => api.post<{ learners: number; opened: number }>('/learning-accounts/open', {}));
export const accountsTemplateUrl = `${API_BASE}/learning-accounts/import-template`;
export const useImportAccounts = () =>
  useWrite((file: File) => uploadFile<{ rows: number; opened: number; existing: number }>('/learning-accounts/import', file));

export interface DepositBody {
  type: DepositableOutcomeType;
  courseId?: string | null;
  name?: string | null;
  credits?: number | null;
  hours?: number | null;
  grade?: string | null;
  recordedOn: string;
  evidenceFileId?: string | null;
  note?: string | null;
}
export const useDeposit = () =>
  useWrite(({ accountId, body }: { accountId: string; body: DepositBody }) =>
    api.post<{ written: number; duplicate: boolean; entryId: string | null }>(
      `/learning-accounts/${encodeURIComponent(accountId)}/outcomes`,
      body,
    ),
  );
export const useUploadEvidence = () =>
  useMutation({
    mutationFn: (file: File) => uploadFile<{ id: string; name: string }>('/learning-outcomes/evidence', file),
  });
export const useReverse = () =>
  useWrite(({ id, reason }: { id: string; reason: string }) =>
    api.post<LedgerEntryDto>(`/learning-outcomes/${encodeURIComponent(id)}/reversal`, { reason }),
  );
export const depositsTemplateUrl = `${API_BASE}/learning-outcomes/import-template`;
export const useImportDeposits = () =>
  useWrite((file: File) =>
    uploadFile<{ rows: number; written: number; duplicates: number; accountsOpened: number; duplicate: boolean }>(
      '/learning-outcomes/import',
      file,
    ),
  );
export const fileUrl = (id: string) => `${API_BASE}/files/${encodeURIComponent(id)}`;

// ---- Courses and settings ----

export const useCourses = (schoolMajorId?: string) =>
  useQuery({
    queryKey: creditKeys.courses(schoolMajorId),
    queryFn: () => api.get<SchoolCourseDto[]>('/school-courses', { schoolMajorId }),
  });
export interface CourseBody {
  schoolMajorId: string | null;
  code: string;
  name: string;
  category: CourseCategory;
  credits: number;
  hours: number;
  exemptible: boolean;
}
export const useSaveCourse = () =>
  useWrite(({ id, body }: { id?: string; body: CourseBody }) =>
    id ? api.put<SchoolCourseDto>(`/school-courses/${encodeURIComponent(id)}`, body) : api.post<SchoolCourseDto>('/school-courses', body),
  );
export const useDeleteCourse = () => useWrite((id: string) => api.delete<void>(`/school-courses/${encodeURIComponent(id)}`));
export const useSettings = () =>
  useQuery({ queryKey: creditKeys.settings, queryFn: () => api.get<CreditBankSettingsDto>('/credit-bank-settings') });
export const useSaveSettings = () =>
  useWrite(
    (body: { professionalCapPercent: number; publicCapPercent: number; excludedCategories: CourseCategory[]; basis: string | null }) =>
      api.put<CreditBankSettingsDto>('/credit-bank-settings', body),
  );

// ---- Rules ----

export const useRules = (q: RuleQuery) =>
  useQuery({
    queryKey: creditKeys.rules(q),
    queryFn: () => api.get<Page<RecognitionRuleDto>>('/recognition-rules', { ...q }),
    placeholderData: keepPreviousData,
  });
/** One rule (read-only for the province). */
export const useRule = (id: string | null) =>
  useQuery({
    queryKey: creditKeys.rule(id ?? ''),
    queryFn: () => api.get<RecognitionRuleDto>(`/recognition-rules/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
export interface RuleBody {
  schoolMajorId: string;
  code: string;
  name: string;
  outcomeIds: string[];
  courses: { courseId: string; credits: number; grade: string }[];
  validFrom: string | null;
  validTo: string | null;
  maxOutcomeAgeYears: number | null;
  basis: string | null;
  note: string | null;
}
export const useSaveRule = () =>
  useWrite(({ id, body }: { id?: string; body: RuleBody }) =>
    id
      ? api.put<RecognitionRuleDto>(`/recognition-rules/${encodeURIComponent(id)}`, body)
      : api.post<RecognitionRuleDto>('/recognition-rules', body),
  );
export const useRuleTransition = () =>
  useWrite(({ id, action, comment }: { id: string; action: RuleAction; comment?: string }) =>
    api.post<RecognitionRuleDto>(`/recognition-rules/${encodeURIComponent(id)}/transitions`, { action, comment: comment ?? null }),
  );
export const useRulePreview = (id: string | null, learnerId: string | null) =>
  useQuery({
    queryKey: creditKeys.rulePreview(id ?? '', learnerId ?? ''),
    queryFn: () => api.get<RulePreviewDto>(`/recognition-rules/${encodeURIComponent(id!)}/preview`, { learnerId }),
    enabled: !!id && !!learnerId,
    retry: false,
  });

// ---- Applications ----

export const useApplications = (q: ApplicationQuery) =>
  useQuery({
    queryKey: creditKeys.applications(q),
    queryFn: () => api.get<Page<ConversionApplicationDto>>('/conversion-applications', { ...q }),
    placeholderData: keepPreviousData,
  });
export const useLearnerPreview = (learnerId: string | null) =>
  useQuery({
    queryKey: creditKeys.learnerPreview(learnerId ?? ''),
    queryFn: () => api.get<ConversionPreviewDto>('/conversion-preview', { learnerId }),
    enabled: !!learnerId,
    retry: false,
  });
export const useApplyOnBehalf = () =>
  useWrite(({ learnerId, note }: { learnerId: string; note: string | null }) =>
    api.post<ConversionApplicationDto>('/conversion-applications', { learnerId, note }),
  );
export const useApplicationTransition = () =>
  useWrite(({ id, action, comment }: { id: string; action: ApplicationAction; comment?: string }) =>
    api.post<ConversionApplicationDto>(`/conversion-applications/${encodeURIComponent(id)}/transitions`, {
      action,
      comment: comment ?? null,
    }),
  );

// ---- Outcome catalog ----

export const useOutcomes = (q: OutcomeQuery) =>
  useQuery({
    queryKey: creditKeys.outcomes(q),
    queryFn: () => api.get<Page<CreditOutcomeDto>>('/credit-outcomes', { ...q }),
    placeholderData: keepPreviousData,
  });
export const useUpdateOutcome = () =>
  useWrite(({ id, credits, hours }: { id: string; credits: number; hours: number }) =>
    api.put<CreditOutcomeDto>(`/credit-outcomes/${encodeURIComponent(id)}`, { credits, hours }),
  );
