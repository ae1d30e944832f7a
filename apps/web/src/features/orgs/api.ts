import type {
  ContactDto,
  ContactInput,
  CreateEvaluationOrgRequest,
  EvaluationOrgDetailDto,
  UpdateEvaluationOrgRequest,
} from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { orgKeys } from '../../lib/orgs';

export { type OrgQuery, orgKeys, useOrgs } from '../../lib/orgs';

export function useOrg(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? ''),
    queryFn: () => api.get<EvaluationOrgDetailDto>(`/evaluation-orgs/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
  });
}

function useOrgWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: orgKeys.all });
      void qc.invalidateQueries({ queryKey: ['catalog'] });
    },
  });
}

const orgPath = (id: string) => `/evaluation-orgs/${encodeURIComponent(id)}`;

export const useCreateOrg = () =>
  useOrgWrite((body: CreateEvaluationOrgRequest) => api.post<EvaluationOrgDetailDto>('/evaluation-orgs', body));
export const useUpdateOrg = () =>
  useOrgWrite(({ id, body }: { id: string; body: UpdateEvaluationOrgRequest }) => api.patch<EvaluationOrgDetailDto>(orgPath(id), body));
export const useCreateContact = () =>
  useOrgWrite(({ orgId, body }: { orgId: string; body: ContactInput }) => api.post<ContactDto>(`${orgPath(orgId)}/contacts`, body));
export const useUpdateContact = () =>
  useOrgWrite(({ orgId, id, body }: { orgId: string; id: string; body: Partial<ContactInput> }) =>
    api.patch<ContactDto>(`${orgPath(orgId)}/contacts/${encodeURIComponent(id)}`, body),
  );
export const useDeleteContact = () =>
  useOrgWrite(({ orgId, id }: { orgId: string; id: string }) => api.delete<void>(`${orgPath(orgId)}/contacts/${encodeURIComponent(id)}`));
