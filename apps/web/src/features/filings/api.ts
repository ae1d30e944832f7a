import type {
  AccountDto,
  CreateFilingRequest,
  CreateFilingRoundRequest,
  FilingAttachmentDto,
  FilingAttachmentKind,
  FilingDetailDto,
  FilingRoundAction,
  FilingRoundDto,
  FilingRoundStatus,
  FilingSection,
  FilingStatus,
  FilingSummaryDto,
  FilingTransitionRequest,
  Page,
  RuleReportDto,
  UpdateFilingRoundRequest,
} from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface FilingListQuery {
  page: number;
  pageSize: number;
  roundId?: string;
  status?: FilingStatus;
  certificateTypeId?: string;
  schoolId?: string;
  cityCode?: string;
  year?: number;
}

export interface RoundListQuery {
  page: number;
  pageSize: number;
  status?: FilingRoundStatus;
  year?: number;
}

export const filingKeys = {
  all: ['filings'] as const,
  rounds: (q: RoundListQuery) => ['filings', 'rounds', q] as const,
  round: (id: string) => ['filings', 'round', id] as const,
  list: (q: FilingListQuery) => ['filings', 'list', q] as const,
  detail: (id: string) => ['filings', 'detail', id] as const,
  ruleReport: (id: string) => ['filings', 'rule-report', id] as const,
  experts: ['filings', 'experts'] as const,
};

const fp = (id: string) => `/filings/${encodeURIComponent(id)}`;
const rp = (id: string) => `/filing-rounds/${encodeURIComponent(id)}`;

export function useRounds(query: RoundListQuery, enabled = true) {
  return useQuery({
    queryKey: filingKeys.rounds(query),
    queryFn: ({ signal }) => api.get<Page<FilingRoundDto>>('/filing-rounds', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: filingKeys.round(id ?? ''),
    queryFn: () => api.get<FilingRoundDto>(rp(id!)),
    enabled: Boolean(id),
  });
}

export function useFilings(query: FilingListQuery) {
  return useQuery({
    queryKey: filingKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<FilingSummaryDto>>('/filings', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFiling(id: string | undefined) {
  return useQuery({
    queryKey: filingKeys.detail(id ?? ''),
    queryFn: () => api.get<FilingDetailDto>(fp(id!)),
    enabled: Boolean(id),
  });
}

export function useRuleReport(id: string, enabled: boolean) {
  return useQuery({
    queryKey: filingKeys.ruleReport(id),
    queryFn: () => api.get<RuleReportDto>(`${fp(id)}/rule-report`),
    enabled,
  });
}

/** The experts of the province (to assign to a filing). */
export function useExperts(enabled: boolean) {
  return useQuery({
    queryKey: filingKeys.experts,
    queryFn: () => api.get<Page<AccountDto>>('/users', { role: 'expert', pageSize: 200, page: 1 }),
    select: (d) => d.items.filter((u) => u.status === 'active'),
    enabled,
    staleTime: 60_000,
  });
}

function useFilingWrite<V, R>(fn: (v: V) => Promise<R>, onDone?: (r: R) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      onDone?.(r);
      void qc.invalidateQueries({ queryKey: filingKeys.all });
    },
  });
}

export const useCreateRound = () => useFilingWrite((body: CreateFilingRoundRequest) => api.post<FilingRoundDto>('/filing-rounds', body));
export const useUpdateRound = () =>
  useFilingWrite(({ id, body }: { id: string; body: UpdateFilingRoundRequest }) => api.patch<FilingRoundDto>(rp(id), body));
export const useRoundTransition = () =>
  useFilingWrite(({ id, action }: { id: string; action: FilingRoundAction }) =>
    api.post<FilingRoundDto>(`${rp(id)}/transitions`, { action }),
  );
export const usePublishRound = () => useFilingWrite((id: string) => api.post<{ published: number }>(`${rp(id)}/publication`));

export const useCreateFiling = () => useFilingWrite((body: CreateFilingRequest) => api.post<FilingDetailDto>('/filings', body));

/** Saves one section; the answer (the whole filing) replaces the cached detail without a refetch. */
export function useSaveSection(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ section, body }: { section: FilingSection; body: unknown }) =>
      api.put<FilingDetailDto>(`${fp(id)}/sections/${section}`, body ?? {}),
    onSuccess: (d) => {
      qc.setQueryData(filingKeys.detail(id), d);
      void qc.invalidateQueries({ queryKey: filingKeys.ruleReport(id) });
      void qc.invalidateQueries({ queryKey: ['filings', 'list'] });
    },
  });
}

export function useUploadAttachment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: FilingAttachmentKind; file: File }) => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', file, file.name);
      return api.upload<FilingAttachmentDto>(`${fp(id)}/attachments`, form);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: filingKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: filingKeys.ruleReport(id) });
    },
  });
}

export function useFilingTransition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FilingTransitionRequest) => api.post<FilingDetailDto>(`${fp(id)}/transitions`, body),
    onSuccess: (d) => {
      qc.setQueryData(filingKeys.detail(id), d);
      void qc.invalidateQueries({ queryKey: filingKeys.all });
    },
  });
}
