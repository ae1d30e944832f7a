import { useQuery } from '@tanstack/react-query';
import { api } from './api';

export interface ScopeOptions {
  provinces: { code: string; name: string }[];
  cities: { code: string; name: string; parentCode: string | null }[];
  schools: { id: string; name: string; provinceCode: string; cityCode: string }[];
  departments: { id: string; name: string; schoolId: string }[];
  orgs: { id: string; name: string }[];
}

/** Under the accounts' key (`['accounts']`): a change of accounts asks for them again. */
export const SCOPE_OPTIONS_KEY = ['accounts', 'scope-options'] as const;

/** The provinces, cities, schools, departments and organizations the signed-in administrator may assign. */
export function useScopeOptions(enabled = true) {
  return useQuery({
    queryKey: SCOPE_OPTIONS_KEY,
    queryFn: () => api.get<ScopeOptions>('/users/scope-options'),
    staleTime: 5 * 60_000,
    enabled,
  });
}
