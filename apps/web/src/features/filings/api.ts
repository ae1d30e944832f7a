import type {
  AccountDto,
  AnnualPlanDto,
  AnnualPlanEntryDto,
  ChangeRequestDecision,
  ChangeRequestDto,
  CreateChangeRequest,
  PutAnnualPlanRequest,
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
  changeRequestsOf: (id: string) => ['filings', 'change-requests', 'of', id] as const,
  changeQueue: (q: ChangeQueueQuery) => ['filings', 'change-requests', 'list', q] as const,
  annualPlans: (year: number | undefined) => ['filings', 'annual-plans', year ?? 'current'] as const,
};

export interface ChangeQueueQuery {
  page: number;
  pageSize: number;
  status?: string;
}

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

// ---- change requests (R3.7) ----

/** The change requests of one filing, newest first (the history is kept). */
export function useFilingChangeRequests(id: string, enabled = true) {
  return useQuery({
    queryKey: filingKeys.changeRequestsOf(id),
    queryFn: () => api.get<{ items: ChangeRequestDto[] }>(`${fp(id)}/change-requests`),
    select: (d) => d.items,
    enabled,
  });
}

/** The change requests in the actor's scope (the province's queue; `status=pending` for the open ones). */
export function useChangeRequests(query: ChangeQueueQuery) {
  return useQuery({
    queryKey: filingKeys.changeQueue(query),
    queryFn: ({ signal }) => api.get<Page<ChangeRequestDto>>('/filing-change-requests', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export const useCreateChangeRequest = (filingId: string) =>
  useFilingWrite((body: CreateChangeRequest) => api.post<ChangeRequestDto>(`${fp(filingId)}/change-requests`, body));

/** Accepting writes the change into the filing: every filing query is refreshed. */
export const useDecideChangeRequest = () =>
  useFilingWrite(({ id, body }: { id: string; body: ChangeRequestDecision }) =>
    api.post<ChangeRequestDto>(`/filing-change-requests/${encodeURIComponent(id)}/decision`, body),
  );

// ---- annual plans (R3.8) ----

/** Approved pilots of earlier years with their plan of `year` (undefined: the server's current year). */
export function useAnnualPlans(year: number | undefined, enabled = true) {
  return useQuery({
    queryKey: filingKeys.annualPlans(year),
    queryFn: ({ signal }) =>
      api.get<Page<AnnualPlanEntryDto> & { year: number }>('/annual-plans', { year, page: 1, pageSize: 200 }, signal),
    enabled,
  });
}

export const usePutAnnualPlan = () =>
  useFilingWrite(({ filingId, year, body }: { filingId: string; year: number; body: PutAnnualPlanRequest }) =>
    api.put<AnnualPlanDto>(`${fp(filingId)}/annual-plans/${year}`, body),
  );
