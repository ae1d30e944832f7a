import type {
  CertificateDto,
  CertificatePdfJobDto,
  CertificateStatus,
  CredentialCheckDto,
  CredentialResultDto,
  IssuerKeyDto,
  Page,
  ShareLinkDto,
  VerifyResultDto,
} from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../lib/api';

/** Certificates (R6): the platform's lists and actions, and the public verification (api-v1). */

export interface CertificateQuery {
  page: number;
  pageSize: number;
  q?: string;
  status?: CertificateStatus;
  sessionId?: string;
}

export interface IssuerKeys {
  publicityDays: number;
  keys: IssuerKeyDto[];
}

export const certificateKeys = {
  all: ['certificates'] as const,
  list: (q: CertificateQuery) => ['certificates', 'list', q] as const,
  shareLinks: (number: string) => ['certificates', 'share-links', number] as const,
  pdfJobs: (sessionId: string) => ['certificates', 'pdf-jobs', sessionId] as const,
  pdfJob: (id: string) => ['certificates', 'pdf-job', id] as const,
  issuerKeys: ['certificates', 'issuer-keys'] as const,
};

const enc = encodeURIComponent;

/** Download addresses (plain links: the session cookie goes with them). */
export const pdfUrl = (number: string) => `/api/v1/certificates/${enc(number)}/pdf`;
export const credentialUrl = (number: string) => `/api/v1/certificates/${enc(number)}/credential`;

/** The holder's wallet copy (a second, eddsa-rdfc-2022 proof), made on request and saved as a file. */
export function useWalletCredential() {
  return useMutation({
    mutationFn: async (number: string) => {
      const credential = await api.post<Record<string, unknown>>(`/certificates/${enc(number)}/wallet-credential`);
      saveJsonFile(credential, `${number}.wallet.credential.json`);
    },
  });
}

/** Saves a JSON document as a file download. */
export function saveJsonFile(doc: unknown, filename: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/vc+json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `GET /certificates`: in the actor's scope (a learner: their own; a school: its learners; an organization: its own). */
export function useCertificates(query: CertificateQuery, enabled = true) {
  return useQuery({
    queryKey: certificateKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<CertificateDto>>('/certificates', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useIssueCertificates() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => api.post<{ issued: number; alreadyIssued: number }>(`/exam-sessions/${enc(sessionId)}/certificates`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: certificateKeys.all }),
  });
}

export function useRevokeCertificate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ number, reason }: { number: string; reason: string }) =>
      api.post<CertificateDto>(`/certificates/${enc(number)}/revocation`, { reason }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: certificateKeys.all }),
  });
}

// ---- batch PDF jobs (organization) ----

export const isPdfJobDone = (j: Pick<CertificatePdfJobDto, 'status'>) => j.status === 'succeeded' || j.status === 'failed';

export function usePdfJobs(sessionId: string | undefined) {
  return useQuery({
    queryKey: certificateKeys.pdfJobs(sessionId ?? ''),
    queryFn: () => api.get<{ items: CertificatePdfJobDto[] }>(`/exam-sessions/${enc(sessionId!)}/certificate-pdf-jobs`),
    enabled: Boolean(sessionId),
    select: (d) => d.items,
  });
}

/** A batch PDF job, polled every second until it ends; the session's job list is read again when it does. */
export function usePdfJob(id: string | null) {
  const qc = useQueryClient();
  const job = useQuery({
    queryKey: certificateKeys.pdfJob(id ?? ''),
    queryFn: () => api.get<CertificatePdfJobDto>(`/certificate-pdf-jobs/${enc(id!)}`),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data && isPdfJobDone(q.state.data) ? false : 1000),
  });
  const ended = job.data && isPdfJobDone(job.data) ? `${job.data.id}:${job.data.status}` : null;
  const sessionId = job.data?.sessionId;
  useEffect(() => {
    if (ended && sessionId) void qc.invalidateQueries({ queryKey: certificateKeys.pdfJobs(sessionId) });
  }, [ended, sessionId, qc]);
  return job;
}

export function useCreatePdfJob() {
  return useMutation({
    mutationFn: (sessionId: string) => api.post<CertificatePdfJobDto>(`/exam-sessions/${enc(sessionId)}/certificate-pdf-jobs`),
  });
}

// ---- issuer keys and the publicity period (organization) ----

export function useIssuerKeys() {
  return useQuery({ queryKey: certificateKeys.issuerKeys, queryFn: () => api.get<IssuerKeys>('/issuer-keys') });
}

export function useRotateKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<IssuerKeys>('/issuer-keys/rotation'),
    onSuccess: (d) => qc.setQueryData(certificateKeys.issuerKeys, d),
  });
}

export function useSetPublicityDays() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (publicityDays: number) => api.put<IssuerKeys>('/certificate-settings', { publicityDays }),
    onSuccess: (d) => qc.setQueryData(certificateKeys.issuerKeys, d),
  });
}

// ---- share links (holder) ----

export function useShareLinks(number: string | null) {
  return useQuery({
    queryKey: certificateKeys.shareLinks(number ?? ''),
    queryFn: () => api.get<ShareLinkDto[]>(`/certificates/${enc(number!)}/share-links`),
    enabled: Boolean(number),
  });
}

export function useCreateShareLink() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ number, days }: { number: string; days: number }) =>
      api.post<ShareLinkDto>(`/certificates/${enc(number)}/share-links`, { days }),
    onSuccess: (link) => void qc.invalidateQueries({ queryKey: certificateKeys.shareLinks(link.certificateNumber) }),
  });
}

export function useRevokeShareLink() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ShareLinkDto>(`/share-links/${enc(id)}/revocation`),
    onSuccess: (link) => void qc.invalidateQueries({ queryKey: certificateKeys.shareLinks(link.certificateNumber) }),
  });
}

// ---- public verification (no account) ----

export function useVerify() {
  return useMutation({
    mutationFn: (v: { number: string; name: string }) => api.get<VerifyResultDto>('/public/certificates/verify', v),
  });
}

export function useCheckCredential() {
  return useMutation({
    mutationFn: (credential: Record<string, unknown>) => api.post<CredentialCheckDto>('/public/credential-checks', credential),
  });
}

/** The QR code's target (`/verify/c/{code}`) or a holder's share link (`/verify/s/{token}`). */
export function usePublicCredential(kind: 'code' | 'share', key: string | undefined) {
  return useQuery({
    queryKey: ['public-credential', kind, key ?? ''],
    queryFn: () => api.get<CredentialResultDto>(kind === 'code' ? `/public/credentials/${enc(key!)}` : `/public/share-links/${enc(key!)}`),
    enabled: Boolean(key),
    retry: false,
  });
}

// ---- the organization's sessions with published scores (issuance) ----

/** The fields of `GET /exam-sessions` the issuance page reads. */
export interface IssuableSession {
  id: string;
  certificateTypeName: string;
  level: CertificateDto['level'];
  examDate: string;
  examSiteName: string;
  status: 'scores_published' | 'closed';
  scoresPublishedAt: string | null;
  /** 公示期 (days) fixed at the session's 成绩公示. */
  publicityDays: number;
}

/** Sessions whose scores are published (成绩公示) or closed: those certificates are issued for, newest first. */
export function useIssuableSessions() {
  return useQuery({
    queryKey: ['certificates', 'sessions'],
    queryFn: async ({ signal }) => {
      const lists = await Promise.all(
        (['scores_published', 'closed'] as const).map((status) =>
          api.get<Page<IssuableSession>>('/exam-sessions', { status, page: 1, pageSize: 200 }, signal),
        ),
      );
      return lists.flatMap((l) => l.items).sort((a, b) => b.examDate.localeCompare(a.examDate) || a.id.localeCompare(b.id));
    },
  });
}
