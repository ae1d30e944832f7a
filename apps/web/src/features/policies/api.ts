import type { CreatePolicyDocumentRequest, CreatePolicyRuleRequest, PolicyDocumentDto } from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export function usePolicyDocuments() {
  return useQuery({
    queryKey: ['policies', 'documents'],
    queryFn: ({ signal }) => api.get<PolicyDocumentDto[]>('/policies/documents', {}, signal),
  });
}

export function useCreatePolicyDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: CreatePolicyDocumentRequest) => api.post<PolicyDocumentDto>('/policies/documents', b),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['policies'] }),
  });
}

export function useAddPolicyRule(documentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: CreatePolicyRuleRequest) => api.post<PolicyDocumentDto>(`/policies/documents/${documentId}/rules`, b),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['policies'] }),
  });
}
