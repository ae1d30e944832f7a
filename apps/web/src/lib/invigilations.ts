import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

/**
 * 监考安排 (R5.4): a session's invigilators and their fees — read and written alike by the organization or host school
 * (exam-sessions) and by a department (department-exams, 001 第十五条); the server scopes both.
 */
export interface Invigilation {
  id: string;
  invigilatorName: string;
  role: 'chief' | 'invigilator' | 'patrol';
  feeFen: number;
  department: { id: string; name: string } | null;
  mayDelete: boolean;
}

// Under the exam-sessions key, so a change to a session also refreshes its invigilators.
const invigilationKey = (sessionId: string) => ['exam-sessions', 'invigilations', sessionId] as const;
const sp = (id: string) => `/exam-sessions/${encodeURIComponent(id)}`;

export function useInvigilations(sessionId: string) {
  return useQuery({
    queryKey: invigilationKey(sessionId),
    queryFn: () => api.get<{ items: Invigilation[]; totalFeeFen: number; mayAssign: boolean }>(`${sp(sessionId)}/invigilations`),
  });
}

function useInvigilationWrite<V, R>(sessionId: string, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: invigilationKey(sessionId) }) });
}

export const useAssignInvigilator = (sessionId: string) =>
  useInvigilationWrite(sessionId, (body: { invigilatorName: string; role: Invigilation['role']; feeFen: number }) =>
    api.post<Invigilation>(`${sp(sessionId)}/invigilations`, body),
  );
export const useRemoveInvigilator = (sessionId: string) =>
  useInvigilationWrite(sessionId, (id: string) => api.delete<void>(`/invigilations/${encodeURIComponent(id)}`));
