import type { ApiTokenDto } from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

const KEY = ['api-tokens'] as const;

export function useApiTokens() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => api.get<{ items: ApiTokenDto[] }>('/api-tokens'),
    select: (d) => d.items,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: KEY });
    void qc.invalidateQueries({ queryKey: ['audit'] });
  };
}

/** Creates a token; the answer carries the secret, which the server never shows again. */
export function useCreateApiToken() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (name: string) => api.post<{ id: string; token: string }>('/api-tokens', { name }),
    onSuccess: invalidate,
  });
}

export function useRevokeApiToken() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api-tokens/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}
