import type { AgreementDto, CertificateLevel, FeeSettlementDto, Page, UnpaidPilotStudentDto } from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface PageQuery {
  page: number;
  pageSize: number;
}
export interface SettlementQuery extends PageQuery {
  settled?: 'true' | 'false';
}

export const feeKeys = {
  all: ['fees'] as const,
  agreements: (q: PageQuery) => ['fees', 'agreements', q] as const,
  settlements: (q: SettlementQuery) => ['fees', 'settlements', q] as const,
  unpaid: (schoolId: string) => ['fees', 'unpaid', schoolId] as const,
};

export function useAgreements(query: PageQuery) {
  return useQuery({
    queryKey: feeKeys.agreements(query),
    queryFn: ({ signal }) => api.get<Page<AgreementDto>>('/pilot-agreements', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export interface AgreementForm {
  filingId: string;
  signedOn: string;
  fees: { level: CertificateLevel; feeFen: number }[];
  note?: string | null;
  file: File;
}

export function useCreateAgreement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: AgreementForm) => {
      const form = new FormData();
      form.append('filingId', v.filingId);
      form.append('signedOn', v.signedOn);
      form.append('fees', JSON.stringify(v.fees));
      if (v.note) form.append('note', v.note);
      form.append('file', v.file, v.file.name);
      return api.upload<AgreementDto>('/pilot-agreements', form);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: feeKeys.all });
    },
  });
}

export function useSettlements(query: SettlementQuery) {
  return useQuery({
    queryKey: feeKeys.settlements(query),
    queryFn: ({ signal }) => api.get<Page<FeeSettlementDto>>('/fee-settlements', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSettle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string | null }) =>
      api.post<FeeSettlementDto>(`/fee-settlements/${encodeURIComponent(id)}/settle`, note ? { note } : {}),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: feeKeys.all });
    },
  });
}

export function useUnpaidPilotStudents(schoolId: string | undefined) {
  return useQuery({
    queryKey: feeKeys.unpaid(schoolId ?? ''),
    queryFn: () => api.get<{ items: UnpaidPilotStudentDto[] }>(`/schools/${encodeURIComponent(schoolId!)}/unpaid-pilot-students`),
    select: (d) => d.items,
    enabled: Boolean(schoolId),
  });
}

// ---- Issue 17 item 5: agreements have a life (draft → in force → suspended / terminated) ----

export interface AgreementEvent {
  action: string;
  fromStatus: string;
  toStatus: string;
  reason: string | null;
  at: string;
}

export function useAgreementEvents(id: string | undefined) {
  return useQuery({
    queryKey: ['fees', 'agreement-events', id ?? ''],
    queryFn: () => api.get<{ items: AgreementEvent[] }>(`/pilot-agreements/${encodeURIComponent(id!)}/events`),
    select: (d) => d.items,
    enabled: Boolean(id),
  });
}

/** `POST /pilot-agreements/{id}/transitions` (生效, 暂停, 恢复, 终止; 暂停 and 终止 need a reason). */
export function useAgreementTransition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: AgreementDto['allowedActions'][number]; reason?: string }) =>
      api.post<AgreementDto>(`/pilot-agreements/${encodeURIComponent(id)}/transitions`, { action, ...(reason ? { reason } : {}) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: feeKeys.all });
    },
  });
}
