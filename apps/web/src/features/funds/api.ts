import type {
  AllocationDto,
  BudgetDto,
  FactorWeight,
  FundCategory,
  FundEntryDto,
  FundSummaryRowDto,
  OverdueSettlementDto,
  Page,
  FilingSummaryDto,
} from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const fundKeys = {
  all: ['funds'] as const,
  budgets: ['funds', 'budgets'] as const,
  entries: (id: string) => ['funds', 'entries', id] as const,
  summary: (level: string) => ['funds', 'summary', level] as const,
  pilots: ['funds', 'pilots'] as const,
  allocations: ['funds', 'allocations'] as const,
  allocation: (id: string) => ['funds', 'allocation', id] as const,
};

function useInvalidate() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: fundKeys.all });
}

export const useBudgets = () =>
  useQuery({
    queryKey: fundKeys.budgets,
    queryFn: ({ signal }) => api.get<{ items: BudgetDto[] }>('/fund-budgets', {}, signal),
    select: (d) => d.items,
  });

export const useEntries = (id: string | null) =>
  useQuery({
    queryKey: fundKeys.entries(id ?? ''),
    queryFn: ({ signal }) => api.get<{ items: FundEntryDto[] }>(`/fund-budgets/${encodeURIComponent(id!)}/entries`, {}, signal),
    select: (d) => d.items,
    enabled: Boolean(id),
  });

export const useFundSummary = (level: 'pilot' | 'school' | 'province') =>
  useQuery({
    queryKey: fundKeys.summary(level),
    queryFn: ({ signal }) => api.get<{ items: FundSummaryRowDto[] }>('/fund-summary', { level }, signal),
    select: (d) => d.items,
  });

/** The school's approved pilots (the only ones that can hold funds). */
export const useApprovedPilots = (enabled: boolean) =>
  useQuery({
    queryKey: fundKeys.pilots,
    queryFn: ({ signal }) => api.get<Page<FilingSummaryDto>>('/filings', { page: 1, pageSize: 200 }, signal),
    select: (d) => d.items.filter((f) => f.status === 'approved' || (f.status === 'published' && f.decision === 'approved')),
    enabled,
  });

export function useCreateBudget() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { filingId: string; year: number; lines: { category: FundCategory; amountFen: number }[] }) =>
      api.post<BudgetDto>('/fund-budgets', v),
    onSuccess: done,
  });
}

export function useBudgetAction() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action, comment }: { id: string; action: string; comment?: string }) =>
      api.post<BudgetDto>(`/fund-budgets/${encodeURIComponent(id)}/${action}`, comment ? { comment } : {}),
    onSuccess: done,
  });
}

export type BudgetLine = { category: FundCategory; amountFen: number };

/** Lines of a draft or returned budget (before it goes into, or after it came back from, the approval chain). */
export function useUpdateLines() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, lines }: { id: string; lines: BudgetLine[] }) =>
      api.put<BudgetDto>(`/fund-budgets/${encodeURIComponent(id)}/lines`, { lines }),
    onSuccess: done,
  });
}

/** A budget adjustment (预算调整) of an approved budget: new lines and a reason, through the same chain. */
export function useProposeAdjustment() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ budgetId, lines, reason }: { budgetId: string; lines: BudgetLine[]; reason: string }) =>
      api.post<BudgetDto>(`/fund-budgets/${encodeURIComponent(budgetId)}/adjustments`, { lines, reason }),
    onSuccess: done,
  });
}
export function useUpdateAdjustment() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, lines, reason }: { id: string; lines: BudgetLine[]; reason: string }) =>
      api.put<BudgetDto>(`/fund-budget-adjustments/${encodeURIComponent(id)}`, { lines, reason }),
    onSuccess: done,
  });
}
export function useAdjustmentAction() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action, comment }: { id: string; action: string; comment?: string }) =>
      api.post<BudgetDto>(`/fund-budget-adjustments/${encodeURIComponent(id)}/${action}`, comment ? { comment } : {}),
    onSuccess: done,
  });
}

export interface SpendingForm {
  category: FundCategory;
  evidenceFileId?: string;
  amountFen: number;
  date: string;
  payee: string;
  purpose: string;
}
export function useRecordSpending(budgetId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: SpendingForm) => api.post<FundEntryDto>(`/fund-budgets/${encodeURIComponent(budgetId)}/spending`, v),
    onSuccess: done,
  });
}
export interface IncomeForm {
  source: 'exam_service_fee' | 'provincial_allocation';
  amountFen: number;
  date: string;
  remitter: string;
  purpose: string;
}
export function useRecordIncome(budgetId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: IncomeForm) => api.post<FundEntryDto>(`/fund-budgets/${encodeURIComponent(budgetId)}/income`, v),
    onSuccess: done,
  });
}
export function useReverse() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<FundEntryDto>(`/fund-entries/${encodeURIComponent(id)}/reverse`, { reason }),
    onSuccess: done,
  });
}

export const useAllocations = () =>
  useQuery({
    queryKey: fundKeys.allocations,
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; provinceCode: string; year: number; totalFen: number; status: string }[] }>(
        '/fund-allocations',
        {},
        signal,
      ),
    select: (d) => d.items,
  });
export const useAllocation = (id: string | null) =>
  useQuery({
    queryKey: fundKeys.allocation(id ?? ''),
    queryFn: ({ signal }) => api.get<AllocationDto>(`/fund-allocations/${encodeURIComponent(id!)}`, {}, signal),
    enabled: Boolean(id),
  });
export function useCreateAllocation() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { year: number; totalFen: number; weights: FactorWeight[] }) => api.post<AllocationDto>('/fund-allocations', v),
    onSuccess: done,
  });
}
export function useAdjustShare(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { schoolId: string; amountFen: number; reason: string }) =>
      api.post<AllocationDto>(`/fund-allocations/${encodeURIComponent(id)}/adjust`, v),
    onSuccess: done,
  });
}
export function usePublishAllocation() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<AllocationDto>(`/fund-allocations/${encodeURIComponent(id)}/publish`, {}),
    onSuccess: done,
  });
}

export const useOverdueSettlements = () =>
  useQuery({
    queryKey: ['funds', 'overdue'] as const,
    queryFn: ({ signal }) => api.get<{ days: number; items: OverdueSettlementDto[] }>('/fund-overdue-settlements', {}, signal),
  });

/** Stores an invoice or receipt (PDF, PNG or JPEG, checked by content) for the budget's school; the entry refers to it by id. */
export const uploadEvidence = (budgetId: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<{ id: string; name: string }>(`/fund-budgets/${encodeURIComponent(budgetId)}/evidence`, form);
};
