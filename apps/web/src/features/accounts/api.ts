import type { AccountDto, CreateUserRequest, Page, Role } from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { SCOPE_OPTIONS_KEY } from '../../lib/scope-options';

export { type ScopeOptions, useScopeOptions } from '../../lib/scope-options';

export interface AccountQuery {
  page: number;
  pageSize: number;
  q?: string;
  role?: Role;
}

export const accountKeys = {
  all: ['accounts'] as const,
  list: (q: AccountQuery) => ['accounts', 'list', q] as const,
  scopeOptions: SCOPE_OPTIONS_KEY,
};

export function useAccounts(query: AccountQuery) {
  return useQuery({
    queryKey: accountKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<AccountDto>>('/users', { ...query }, signal),
    placeholderData: keepPreviousData,
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
