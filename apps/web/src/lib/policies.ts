import type { EffectivePoliciesDto, PolicyTextKey } from '@onex/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from './api';

/**
 * The policies in force for a school (issue 18 #0): its filing rules, fee caps and texts, each citing only documents
 * of its province, itself or the nation. Shared by the features that show a school's rules or texts (filings, the
 * learner's consent notice, the policies page). Without a school: the signed-in school's own, or a province's.
 */
export function useEffectivePolicies(q: { schoolId?: string | null; provinceCode?: string | null }, enabled = true) {
  const params = { ...(q.schoolId && { schoolId: q.schoolId }), ...(q.provinceCode && { provinceCode: q.provinceCode }) };
  return useQuery({
    queryKey: ['policies', 'effective', params],
    queryFn: ({ signal }) => api.get<EffectivePoliciesDto>('/policies/effective', params, signal),
    enabled,
    staleTime: 60_000,
  });
}

/**
 * One text in the wording and citation of the school's own documents (`schoolId`, or with `own` the signed-in
 * school's), or the fallback (the platform's wording, citing nothing) while it loads or without a school.
 */
export function usePolicyText(key: PolicyTextKey, fallback: string, q: { schoolId?: string | null; own?: boolean }): string {
  const r = useEffectivePolicies({ schoolId: q.schoolId }, Boolean(q.schoolId) || Boolean(q.own));
  return r.data?.texts[key]?.zh ?? fallback;
}
