import type { ExamSessionDetailDto, ExamSessionStatus, ExamSessionSummaryDto, LearnerDto, Page, RegistrationDto } from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/**
 * A department's part of the exams (issue 17 item 3; 001 第十二条 selects its students, 第十五条 arranges invigilation;
 * R5.3, R5.4): the exam-session, registration and invigilation APIs, read as a department (the server scopes them to
 * its own pilots' sessions and its own students).
 */

/** What a department reads of sessions and registrations: the contracts of packages/shared exam-sessions.ts. */
export type DeptSession = ExamSessionSummaryDto;
export type DeptSessionDetail = ExamSessionDetailDto;
export type DeptRegistration = RegistrationDto;

export interface DeptSessionQuery {
  page: number;
  pageSize: number;
  status?: ExamSessionStatus;
  /** Sessions at sites hosted by this school (监考安排). */
  hostSchoolId?: string;
}

const keys = {
  all: ['department-exams'] as const,
  sessions: (q: DeptSessionQuery) => ['department-exams', 'sessions', q] as const,
  session: (id: string) => ['department-exams', 'session', id] as const,
  registrations: (id: string) => ['department-exams', 'registrations', id] as const,
  students: (q: string) => ['department-exams', 'students', q] as const,
};

const sp = (id: string) => `/exam-sessions/${encodeURIComponent(id)}`;

export function useDeptSessions(query: DeptSessionQuery) {
  return useQuery({
    queryKey: keys.sessions(query),
    queryFn: ({ signal }) => api.get<Page<DeptSession>>('/exam-sessions', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDeptSession(id: string | undefined) {
  return useQuery({ queryKey: keys.session(id ?? ''), queryFn: () => api.get<DeptSessionDetail>(sp(id!)), enabled: Boolean(id) });
}

export function useDeptRegistrations(id: string | undefined) {
  return useQuery({
    queryKey: keys.registrations(id ?? ''),
    queryFn: () => api.get<Page<DeptRegistration>>(`${sp(id!)}/registrations`, { page: 1, pageSize: 200 }),
    enabled: Boolean(id),
  });
}

/** The department's pilot students (the server lists only its own department's). */
export function useDeptStudents(q: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.students(q),
    queryFn: ({ signal }) => api.get<Page<LearnerDto>>('/learners', { page: 1, pageSize: 200, kind: 'pilot_student', q }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.all });
    },
  });
}

export const useDeptPropose = () =>
  useWrite(({ id, learnerIds }: { id: string; learnerIds: string[] }) =>
    api.post<{ proposed: number; skipped: { learnerId: string; reason: string }[] }>(`${sp(id)}/registrations`, { learnerIds }),
  );
export const useDeptWithdraw = () =>
  useWrite((id: string) => api.post<DeptRegistration>(`/registrations/${encodeURIComponent(id)}/withdrawal`));
export const useDeptPaperConsent = () =>
  useWrite(({ id, file }: { id: string; file: File }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<DeptRegistration>(`/registrations/${encodeURIComponent(id)}/paper-consent`, form);
  });
