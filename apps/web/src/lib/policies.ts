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

/** One text of a school in its own wording and citation, or the fallback while it loads. */
export function usePolicyText(key: PolicyTextKey, schoolId: string | null | undefined, fallback: string): string {
  const q = useEffectivePolicies({ schoolId }, Boolean(schoolId));
  return q.data?.texts[key]?.zh ?? fallback;
}
