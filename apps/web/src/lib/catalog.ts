import {
  CERTIFICATE_LEVEL_LABELS,
  type CertificateBatchDto,
  type CertificateLevel,
  type CertificateTypeDto,
  type CertificateTypeStatus,
  type Page,
  type PublicCertificateTypeDetailDto,
  type PublicCertificateTypeDto,
} from '@onex/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './api';
import { pickLabel } from './money';

/** The certificate catalog as other features read it (the catalog feature manages it). */

export interface CatalogFilter {
  page: number;
  pageSize: number;
  q?: string;
  batch?: string;
  level?: CertificateLevel;
  orgId?: string;
  major?: string;
  status?: CertificateTypeStatus;
}

/** Flags the server may add to the public records (not in the public contract yet; shown when present). */
export interface ToBeConfirmedFlags {
  detailsToBeConfirmed?: boolean;
  organizationToBeConfirmed?: boolean;
  toBeConfirmed?: boolean;
}

export type PublicItem = PublicCertificateTypeDto & ToBeConfirmedFlags;
export type PublicDetail = PublicCertificateTypeDetailDto & ToBeConfirmedFlags;

export const catalogKeys = {
  all: ['catalog'] as const,
  publicList: (f: CatalogFilter) => ['catalog', 'public', 'list', f] as const,
  publicDetail: (id: string) => ['catalog', 'public', 'detail', id] as const,
  managedList: (f: CatalogFilter) => ['catalog', 'managed', 'list', f] as const,
  managedDetail: (id: string) => ['catalog', 'managed', 'detail', id] as const,
};

export function usePublicCertificateType(id: string | undefined) {
  return useQuery({
    queryKey: catalogKeys.publicDetail(id ?? ''),
    queryFn: () => api.get<PublicDetail>(`/public/certificate-types/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
  });
}

export function useBatches() {
  return useQuery({
    queryKey: ['catalog', 'batches'],
    queryFn: () => api.get<{ items: CertificateBatchDto[] }>('/public/certificate-batches'),
    staleTime: 5 * 60_000,
    select: (d) => [...d.items].sort((a, b) => a.ordinal - b.ordinal),
  });
}

export function useCertificateTypes(filter: CatalogFilter) {
  return useQuery({
    queryKey: catalogKeys.managedList(filter),
    queryFn: ({ signal }) => api.get<Page<CertificateTypeDto>>('/certificate-types', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function levelLabel(level: string, lang: 'zh-CN' | 'en-US'): string {
  return pickLabel(CERTIFICATE_LEVEL_LABELS, level, lang);
}
