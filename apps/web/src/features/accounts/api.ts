import type { AccountDto, CreateUserRequest, Page, Role } from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface AccountQuery {
  page: number;
  pageSize: number;
  q?: string;
  role?: Role;
}

export interface ScopeOptions {
  provinces: { code: string; name: string }[];
  cities: { code: string; name: string; parentCode: string | null }[];
  schools: { id: string; name: string; provinceCode: string; cityCode: string }[];
  departments: { id: string; name: string; schoolId: string }[];
  orgs: { id: string; name: string }[];
}

export const accountKeys = {
  all: ['accounts'] as const,
  list: (q: AccountQuery) => ['accounts', 'list', q] as const,
  scopeOptions: ['accounts', 'scope-options'] as const,
};

export function useAccounts(query: AccountQuery) {
  return useQuery({
    queryKey: accountKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<AccountDto>>('/users', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The provinces, cities, schools, departments and organizations the signed-in administrator may assign. */
export function useScopeOptions(enabled = true) {
  return useQuery({
    queryKey: accountKeys.scopeOptions,
    queryFn: () => api.get<ScopeOptions>('/users/scope-options'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

function useInvalidateAccounts() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: accountKeys.all });
    void qc.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useCreateAccount() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => api.post<AccountDto>('/users', body),
    onSuccess: invalidate,
  });
}

export function useSetAccountStatus() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: AccountDto['status'] }) =>
      api.post<AccountDto>(`/users/${encodeURIComponent(id)}/status`, { status }),
    onSuccess: invalidate,
  });
}

export function useResetAccountPassword() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      api.post<void>(`/users/${encodeURIComponent(id)}/password`, { newPassword }),
    onSuccess: invalidate,
  });
}
