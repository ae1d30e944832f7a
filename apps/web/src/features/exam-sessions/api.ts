import type {
  CertificateLevel,
  ExamForm,
  ExamSessionAction,
  ExamSessionStatus,
  IdType,
  ImportErrorDto,
  Page,
  RegistrationStatus,
  ResultImportKind,
  ResultImportStatus,
} from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { API_BASE, api, saveBlob } from '../../lib/api';

// Local views of the exam-session contracts (packages/shared exam-sessions.ts, results.ts): only the fields read here.

export interface ExamSessionSummary {
  id: string;
  certificateTypeId: string;
  certificateTypeName: string;
  level: CertificateLevel;
  examDate: string;
  examSiteName: string;
  status: ExamSessionStatus;
  candidateCount: number;
  organization: { id: string; name: string };
  capacity: number;
  registrationOpensAt: string;
  registrationClosesAt: string;
  registrationOpenNow: boolean;
  scoresPublishedAt: string | null;
  publicityDays: number;
}

export interface ExamSessionDetail extends ExamSessionSummary {
  examSite: { id: string; name: string; address: string; school: { id: string; name: string } | null; openShared: boolean };
  registrationCounts: Partial<Record<RegistrationStatus, number>>;
  seatsTaken: number;
  allowedActions: ExamSessionAction[];
  mayPropose: boolean;
  mayInvigilate: boolean;
}

export interface Registration {
  id: string;
  learner: { id: string; name: string; className: string | null };
  school: { id: string; name: string } | null;
  status: RegistrationStatus;
  consentVia: 'learner' | 'paper' | null;
  consentAt: string | null;
  consentFileId: string | null;
  feeFen: number;
  feeExempt: boolean;
  allowedActions: ('consent' | 'decline' | 'paper_consent' | 'withdraw')[];
}

export interface Candidate {
  candidateId: string;
  name: string;
  idType: IdType;
  idNumber: string;
  schoolName: string | null;
  className: string | null;
  hasResult: boolean;
  score: number | null;
  passed: boolean | null;
}

export interface ResultPreview {
  preview: true;
  valid: boolean;
  rows: number;
  passed: number;
  failed: number;
  kind: ResultImportKind;
  duplicateOf: string | null;
  existingResults: number;
  errors: ImportErrorDto[];
  totalErrors: number;
}

export interface ResultJob {
  id: string;
  sessionId: string;
  fileName: string;
  kind: ResultImportKind;
  correctionNote: string | null;
  status: ResultImportStatus;
  progress: number;
  rows: number;
  passed: number;
  failed: number;
  errors: ImportErrorDto[];
  message: string | null;
  duplicate: boolean;
  createdAt: string;
  finishedAt: string | null;
}

export interface SessionQuery {
  page: number;
  pageSize: number;
  status?: ExamSessionStatus;
}

export const sessionKeys = {
  all: ['exam-sessions'] as const,
  list: (q: SessionQuery) => ['exam-sessions', 'list', q] as const,
  detail: (id: string) => ['exam-sessions', 'detail', id] as const,
  registrations: (id: string) => ['exam-sessions', 'registrations', id] as const,
  candidates: (id: string, page: number) => ['exam-sessions', 'candidates', id, page] as const,
  imports: (id: string) => ['exam-sessions', 'imports', id] as const,
  job: (id: string) => ['exam-sessions', 'job', id] as const,
};

const sp = (id: string) => `/exam-sessions/${encodeURIComponent(id)}`;

export function useSessions(query: SessionQuery) {
  return useQuery({
    queryKey: sessionKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<ExamSessionSummary>>('/exam-sessions', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSession(id: string | undefined) {
  return useQuery({ queryKey: sessionKeys.detail(id ?? ''), queryFn: () => api.get<ExamSessionDetail>(sp(id!)), enabled: Boolean(id) });
}

export function useRegistrations(id: string, enabled: boolean) {
  return useQuery({
    queryKey: sessionKeys.registrations(id),
    queryFn: () => api.get<Page<Registration>>(`${sp(id)}/registrations`, { page: 1, pageSize: 200 }),
    enabled,
  });
}

export function useCandidates(id: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: sessionKeys.candidates(id, page),
    queryFn: () => api.get<Page<Candidate>>(`${sp(id)}/candidates`, { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useResultImports(id: string, enabled: boolean) {
  return useQuery({
    queryKey: sessionKeys.imports(id),
    queryFn: () => api.get<{ items: ResultJob[] }>(`${sp(id)}/result-imports`),
    select: (d) => d.items,
    enabled,
  });
}

/**
 * A results-import job, polled every second until it ends. When it ends, the session (its status: 成绩登记 and the
 * 成绩公示 button), its candidates' scores and its import history are read again: the job changed them after the
 * upload itself was answered.
 */
export function useResultJob(jobId: string | null) {
  const qc = useQueryClient();
  const job = useQuery({
    queryKey: sessionKeys.job(jobId ?? ''),
    queryFn: () => api.get<ResultJob>(`/result-imports/${encodeURIComponent(jobId!)}`),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data && isJobDone(q.state.data.status) ? false : 1000),
  });
  const ended = job.data && isJobDone(job.data.status) ? `${job.data.id}:${job.data.status}` : null;
  useEffect(() => {
    if (ended) void qc.invalidateQueries({ queryKey: sessionKeys.all, predicate: (q) => q.queryKey[1] !== 'job' });
  }, [ended, qc]);
  return job;
}

export const isJobDone = (s: ResultImportStatus) => s === 'succeeded' || s === 'failed';

function useSessionWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: sessionKeys.all });
    },
  });
}

export const useTransition = () =>
  useSessionWrite(({ id, action }: { id: string; action: ExamSessionAction }) =>
    api.post<ExamSessionDetail>(`${sp(id)}/transitions`, { action }),
  );
/** Before 成绩公示: registered candidates, those with and without a result, and the default 公示期 (days). */
export interface PublicationCheck {
  candidates: number;
  withResult: number;
  missing: number;
  publicityDays: number;
}
export function usePublicationCheck(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...sessionKeys.detail(id), 'publication-check'],
    queryFn: ({ signal }) => api.get<PublicationCheck>(`${sp(id)}/score-publication`, undefined, signal),
    enabled,
    staleTime: 0,
  });
}
export const usePublishScores = () =>
  useSessionWrite(({ id, confirmMissing, publicityDays }: { id: string; confirmMissing?: number; publicityDays: number }) =>
    api.post<unknown>(`${sp(id)}/score-publication`, { publicityDays, ...(confirmMissing ? { confirmMissing } : {}) }),
  );
export const usePropose = () =>
  useSessionWrite(({ id, learnerIds }: { id: string; learnerIds: string[] }) =>
    api.post<{ proposed: number; skipped: { learnerId: string; reason: string }[] }>(`${sp(id)}/registrations`, { learnerIds }),
  );
export const usePaperConsent = () =>
  useSessionWrite(({ id, file }: { id: string; file: File }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<Registration>(`/registrations/${encodeURIComponent(id)}/paper-consent`, form);
  });
export const useWithdraw = () =>
  useSessionWrite((id: string) => api.post<Registration>(`/registrations/${encodeURIComponent(id)}/withdrawal`));

export interface ResultUpload {
  sessionId: string;
  file: File;
  preview: boolean;
  correction: boolean;
  note?: string;
}

/** Preview (nothing written) or queue a results import. */
export const useUploadResults = () =>
  useSessionWrite((v: ResultUpload) => {
    const form = new FormData();
    form.append('preview', String(v.preview));
    form.append('correction', String(v.correction));
    if (v.correction && v.note) form.append('note', v.note);
    form.append('file', v.file, v.file.name);
    return api.upload<ResultPreview | ResultJob>(`${sp(v.sessionId)}/result-imports`, form);
  });

/** The session's results template, pre-filled with its candidates (a plain link: the session cookie goes with it). */
export const resultsTemplateUrl = (sessionId: string) => `${API_BASE}${sp(sessionId)}/results-template`;

/** Every error of a results file as .xlsx (the page shows the first ones only). */
export async function downloadResultErrors(sessionId: string, file: File): Promise<void> {
  const form = new FormData();
  form.append('file', file, file.name);
  const blob = await api.uploadForFile(`${sp(sessionId)}/result-errors`, form);
  saveBlob(blob, `${file.name.replace(/\.(xlsx|csv)$/i, '')}-错误清单.xlsx`);
}

export const isPreview = (r: ResultPreview | ResultJob): r is ResultPreview => 'preview' in r && r.preview === true;

export interface ScheduleSessionBody {
  certificateTypeId: string;
  level: CertificateLevel;
  examSiteId: string;
  examDate: string;
  examForm: ExamForm;
  capacity: number;
  registrationOpensAt: string;
  registrationClosesAt: string;
}

/** 安排考核场次 (organization): `POST /exam-sessions` (contract: examSessionCreateSchema). */
export const useScheduleSession = () => useSessionWrite((body: ScheduleSessionBody) => api.post<ExamSessionDetail>('/exam-sessions', body));
