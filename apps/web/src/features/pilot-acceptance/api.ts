import type { AcceptanceDecisionInput, PilotSummaryDto, SchoolCourseDto, TaskBookDto, TaskBookInput } from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** Pilot task books and final acceptance (issue 18 item 5). */
export const pilotKeys = {
  all: ['pilot-acceptance'] as const,
  list: ['pilot-acceptance', 'list'] as const,
  book: (filingId: string) => ['pilot-acceptance', 'book', filingId] as const,
  courses: (schoolId: string) => ['pilot-acceptance', 'courses', schoolId] as const,
};

function useWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: pilotKeys.all }) });
}

export const usePilots = () => useQuery({ queryKey: pilotKeys.list, queryFn: () => api.get<{ items: PilotSummaryDto[] }>('/pilots') });
export const useTaskBook = (filingId: string) =>
  useQuery({ queryKey: pilotKeys.book(filingId), queryFn: () => api.get<TaskBookDto>(`/pilots/${filingId}/task-book`) });
export const useSchoolCourses = (schoolId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: pilotKeys.courses(schoolId ?? ''),
    queryFn: () => api.get<SchoolCourseDto[]>('/school-courses', { schoolId }),
    enabled: enabled && !!schoolId,
  });
export const useSaveTaskBook = (filingId: string) =>
  useWrite((input: TaskBookInput) => api.put<TaskBookDto>(`/pilots/${filingId}/task-book`, input));
export const useApply = (filingId: string) =>
  useWrite((report: string) => api.post<TaskBookDto>(`/pilots/${filingId}/acceptance`, { report }));
export const useDecide = (filingId: string) =>
  useWrite((input: AcceptanceDecisionInput) => api.post<TaskBookDto>(`/pilots/${filingId}/acceptance/decision`, input));
