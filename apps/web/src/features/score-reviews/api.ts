import type { Page, ScoreReviewDecision, ScoreReviewDto, ScoreReviewStatus } from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const scoreReviewKeys = {
  all: ['score-reviews'] as const,
  list: (status: ScoreReviewStatus | undefined, page: number) => ['score-reviews', status ?? 'all', page] as const,
};

export function useScoreReviews(status: ScoreReviewStatus | undefined, page: number) {
  return useQuery({
    queryKey: scoreReviewKeys.list(status, page),
    queryFn: ({ signal }) => api.get<Page<ScoreReviewDto>>('/score-reviews', { status, page, pageSize: 20 }, signal),
  });
}

export function useDecideReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: ScoreReviewDecision }) =>
      api.post<ScoreReviewDto>(`/score-reviews/${encodeURIComponent(id)}/decision`, decision),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: scoreReviewKeys.all });
    },
  });
}
