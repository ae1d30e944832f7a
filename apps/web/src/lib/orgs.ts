import type { EvaluationOrgDto, Page } from '@onex/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './api';

/** The evaluation organizations list as other features read it (the orgs feature writes them). */

export interface OrgQuery {
  page: number;
  pageSize: number;
  q?: string;
}

export const orgKeys = {
  all: ['orgs'] as const,
  list: (q: OrgQuery) => ['orgs', 'list', q] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
};

export function useOrgs(query: OrgQuery, enabled = true) {
  return useQuery({
    queryKey: orgKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<EvaluationOrgDto>>('/evaluation-orgs', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
