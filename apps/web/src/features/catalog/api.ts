import type {
  CertificateTypeAction,
  CertificateTypeDetailDto,
  CreateCertificateTypeRequest,
  LevelInput,
  MajorDto,
  Page,
  StandardDocumentDto,
  UpdateCertificateTypeRequest,
} from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { type CatalogFilter, type PublicItem, catalogKeys } from '../../lib/catalog';

export {
  type CatalogFilter,
  type PublicDetail,
  type PublicItem,
  type ToBeConfirmedFlags,
  catalogKeys,
  useBatches,
  useCertificateTypes,
  usePublicCertificateType,
} from '../../lib/catalog';

export function usePublicCatalog(filter: CatalogFilter) {
  return useQuery({
    queryKey: catalogKeys.publicList(filter),
    queryFn: ({ signal }) => api.get<Page<PublicItem>>('/public/certificate-types', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every public certificate (to offer the organizations as a filter without a session). */
export function usePublicOrganizations() {
  return useQuery({
    queryKey: ['catalog', 'public', 'orgs'],
    queryFn: () => api.get<Page<PublicItem>>('/public/certificate-types', { page: 1, pageSize: 200 }),
    staleTime: 5 * 60_000,
    select: (d) => {
      const map = new Map<string, string>();
      for (const i of d.items) map.set(i.organization.id, i.organization.name);
      return [...map].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    },
  });
}

export function useMajorsCatalog(enabled = true) {
  return useQuery({
    queryKey: ['catalog', 'majors'],
    queryFn: () => api.get<{ items: MajorDto[] }>('/public/majors'),
    staleTime: 10 * 60_000,
    enabled,
    select: (d) => d.items,
  });
}

// ---- management ----

export function useCertificateType(id: string | undefined) {
  return useQuery({
    queryKey: catalogKeys.managedDetail(id ?? ''),
    queryFn: () => api.get<CertificateTypeDetailDto>(`/certificate-types/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
  });
}

function useCatalogWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => {
      const d = data as unknown as CertificateTypeDetailDto | undefined;
      if (d && typeof d === 'object' && 'allowedActions' in d && 'id' in d) qc.setQueryData(catalogKeys.managedDetail(d.id), d);
      void qc.invalidateQueries({ queryKey: catalogKeys.all });
    },
  });
}

const typePath = (id: string) => `/certificate-types/${encodeURIComponent(id)}`;

export function useCreateCertificateType() {
  return useCatalogWrite((body: CreateCertificateTypeRequest) => api.post<CertificateTypeDetailDto>('/certificate-types', body));
}

export function useUpdateCertificateType() {
  return useCatalogWrite(({ id, body }: { id: string; body: UpdateCertificateTypeRequest }) =>
    api.patch<CertificateTypeDetailDto>(typePath(id), body),
  );
}

export function useReplaceLevels() {
  return useCatalogWrite(({ id, levels }: { id: string; levels: LevelInput[] }) =>
    api.put<CertificateTypeDetailDto>(`${typePath(id)}/levels`, { levels }),
  );
}

export function useTransition() {
  return useCatalogWrite(({ id, action, comment }: { id: string; action: CertificateTypeAction; comment?: string }) =>
    api.post<CertificateTypeDetailDto>(`${typePath(id)}/transitions`, { action, ...(comment ? { comment } : {}) }),
  );
}

export function useUploadStandardDocument() {
  return useCatalogWrite(({ id, file, version }: { id: string; file: File; version: string }) => {
    const form = new FormData();
    form.append('version', version);
    form.append('file', file, file.name);
    return api.upload<StandardDocumentDto>(`${typePath(id)}/standard-documents`, form);
  });
}
