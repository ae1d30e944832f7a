import type {
  CoverageRowDto,
  FilingSummaryDto,
  Page,
  QualificationDto,
  TrainingPlanAction,
  TrainingPlanDto,
  TrainingPlanInput,
  TrainingRecordDto,
  TrainingRecordInput,
} from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

const all = ['training'] as const;
const useList = <T>(path: string, q: object) =>
  useQuery({ queryKey: [...all, path, q], queryFn: ({ signal }) => api.get<Page<T>>(path, q as Record<string, string>, signal) });

export const usePlans = (q: object) => useList<TrainingPlanDto>('/training-plans', q);
export const useRecords = (q: object) => useList<TrainingRecordDto>('/training-records', q);
export const useQualifications = (q: object) => useList<QualificationDto>('/teacher-qualifications', q);
export const useCoverage = (q: object) => useList<CoverageRowDto>('/training-coverage', q);

/** Approved pilots of the school (plans and records are per pilot). */
export const usePilots = (enabled: boolean) =>
  useQuery({
    queryKey: [...all, 'pilots'],
    queryFn: ({ signal }) => api.get<Page<FilingSummaryDto>>('/filings', { page: 1, pageSize: 200 }, signal),
    select: (d) => d.items.filter((f) => f.status === 'approved' || (f.status === 'published' && f.decision === 'approved')),
    enabled,
  });

function useDone() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: all });
}
export function useCreatePlan() {
  const done = useDone();
  return useMutation({ mutationFn: (b: TrainingPlanInput) => api.post<TrainingPlanDto>('/training-plans', b), onSuccess: done });
}
export function usePlanAction() {
  const done = useDone();
  return useMutation({
    mutationFn: (v: { id: string; action: TrainingPlanAction; comment?: string }) =>
      api.post<TrainingPlanDto>(`/training-plans/${encodeURIComponent(v.id)}/${v.action}`, v.comment ? { comment: v.comment } : {}),
    onSuccess: done,
  });
}
export function useCreateRecord() {
  const done = useDone();
  return useMutation({ mutationFn: (b: TrainingRecordInput) => api.post<TrainingRecordDto>('/training-records', b), onSuccess: done });
}
export function useCreateQualification() {
  const done = useDone();
  return useMutation({
    mutationFn: (v: { fields: Record<string, string>; file: File }) => {
      const form = new FormData();
      for (const [k, x] of Object.entries(v.fields)) form.append(k, x);
      form.append('file', v.file);
      return api.upload<QualificationDto>('/teacher-qualifications', form);
    },
    onSuccess: done,
  });
}
