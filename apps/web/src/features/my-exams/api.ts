import type { CertificateLevel, ExamSessionStatus, Page, RegistrationStatus } from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** The fields of `GET /me/registrations` this page reads (contract: myRegistrationSchema). */
export interface MyRegistration {
  id: string;
  status: RegistrationStatus;
  consentVia: 'learner' | 'paper' | null;
  consentAt: string | null;
  feeExempt: boolean;
  payer: 'school';
  /** The proposing school (its consent notice cites its own rules). */
  school?: { id: string; name: string } | null;
  allowedActions: ('consent' | 'decline' | 'paper_consent' | 'withdraw')[];
  session: {
    id: string;
    certificateTypeName: string;
    level: CertificateLevel;
    examDate: string;
    examSiteName: string;
    examSiteAddress: string;
    status: ExamSessionStatus;
    registrationClosesAt: string;
  };
  result: { score: number; passed: boolean } | null;
}

/** The fields of `GET /me/exam-sessions` this page reads (contract: myExamSessionSchema). */
export interface MyExamSession {
  id: string;
  certificateTypeName: string;
  level: CertificateLevel;
  examDate: string;
  examSiteName: string;
  examSiteAddress: string;
  status: ExamSessionStatus;
  organization: { id: string; name: string };
  registrationOpensAt: string;
  registrationClosesAt: string;
  registrationOpenNow: boolean;
  myRegistration: { id: string; status: RegistrationStatus } | null;
}

export const myExamKeys = {
  all: ['my-exams'] as const,
  registrations: ['my-exams', 'registrations'] as const,
  sessions: (page: number) => ['my-exams', 'sessions', page] as const,
};

export function useMyRegistrations() {
  return useQuery({
    queryKey: myExamKeys.registrations,
    queryFn: ({ signal }) => api.get<{ items: MyRegistration[] }>('/me/registrations', undefined, signal),
    select: (d) => d.items,
  });
}

export function useMySessions(page: number) {
  return useQuery({
    queryKey: myExamKeys.sessions(page),
    queryFn: ({ signal }) => api.get<Page<MyExamSession>>('/me/exam-sessions', { page, pageSize: 20 }, signal),
  });
}

export function useConsent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'consent' | 'decline' }) =>
      api.post<unknown>(`/me/registrations/${encodeURIComponent(id)}/${decision}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: myExamKeys.all });
    },
  });
}

/** 成绩复核 (issue 17 item 4): the candidate's own reviews, and asking for one during 成绩公示. */
export interface MyScoreReview {
  id: string;
  registrationId: string;
  status: 'open' | 'upheld' | 'corrected';
  answer: string | null;
  newScore: number | null;
  newPassed: boolean | null;
}

export function useMyScoreReviews() {
  return useQuery({
    queryKey: [...myExamKeys.all, 'score-reviews'] as const,
    queryFn: ({ signal }) => api.get<{ items: MyScoreReview[] }>('/me/score-reviews', undefined, signal),
    select: (d) => d.items,
  });
}

export function useRequestScoreReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { registrationId: string; reason: string }) => api.post<MyScoreReview>('/me/score-reviews', v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: myExamKeys.all });
    },
  });
}
