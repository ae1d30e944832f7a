import type {
  CancelPilotRequest,
  ComplaintAttachmentDto,
  ComplaintCategory,
  ComplaintDetailDto,
  ComplaintDto,
  ComplaintStatus,
  ComplaintSubjectType,
  ComplaintTransitionRequest,
  CreateComplaintRequest,
  CreateDrawRequest,
  CreateReportTypeRequest,
  DrawDto,
  FilingSummaryDto,
  InspectionDto,
  InspectorDto,
  Page,
  PilotCancellationDto,
  PilotFlagDto,
  PublicComplaintDto,
  PublicDrawDto,
  PublicInspectionResultDto,
  RegionDto,
  ReportDutyDto,
  ReportDutyStatus,
  ReportTypeDto,
  ScorecardDto,
} from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, saveBlob } from '../../lib/api';

/** 投诉举报 (R8.5, api-v1 public): file a complaint, follow it by tracking code, find what it names. */
export function useFileComplaint() {
  return useMutation({ mutationFn: (body: CreateComplaintRequest) => api.post<{ trackingCode: string }>('/public/complaints', body) });
}

export function useTrackComplaint() {
  return useMutation({ mutationFn: (code: string) => api.get<PublicComplaintDto>(`/public/complaints/${encodeURIComponent(code)}`) });
}

export function useComplaintSubjects(type: ComplaintSubjectType, q: string) {
  return useQuery({
    queryKey: ['complaint-subjects', type, q],
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/public/complaint-subjects', { type, q }),
    enabled: q.trim().length > 0,
    select: (d) => d.items,
    staleTime: 60_000,
  });
}

/* ───────── Signed-in supervision: reporting duties (R8.1), pilot cancellation (R8.3), complaint handling (R8.5) ───────── */

export interface DutyQuery {
  page: number;
  pageSize: number;
  reportTypeId?: string | undefined;
  status?: ReportDutyStatus | undefined;
  missed?: boolean | undefined;
  late?: boolean | undefined;
}

export function useReportDuties(query: DutyQuery) {
  return useQuery({
    queryKey: ['report-duties', query],
    queryFn: ({ signal }) => api.get<Page<ReportDutyDto>>('/report-duties', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReportDuty(id: string | undefined) {
  return useQuery({
    queryKey: ['report-duty', id],
    queryFn: ({ signal }) => api.get<ReportDutyDto>(`/report-duties/${id}`, undefined, signal),
    enabled: !!id,
  });
}

function useInvalidateDuties() {
  const qc = useQueryClient();
  return (d: ReportDutyDto) => {
    qc.setQueryData(['report-duty', d.id], d);
    void qc.invalidateQueries({ queryKey: ['report-duties'] });
  };
}

export function useSubmitReport(id: string) {
  const done = useInvalidateDuties();
  return useMutation({
    mutationFn: (answers: Record<string, string | number>) => api.put<ReportDutyDto>(`/report-duties/${id}/submission`, { answers }),
    onSuccess: done,
  });
}

export function useReviewReport(id: string) {
  const done = useInvalidateDuties();
  return useMutation({
    mutationFn: (body: { decision: 'accept' | 'return'; opinion?: string }) => api.post<ReportDutyDto>(`/report-duties/${id}/review`, body),
    onSuccess: done,
  });
}

export function useReportTypes() {
  return useQuery({
    queryKey: ['report-types'],
    queryFn: ({ signal }) => api.get<{ items: ReportTypeDto[] }>('/report-types', undefined, signal),
    select: (d) => d.items,
  });
}

export function useCreateReportType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateReportTypeRequest) => api.post<ReportTypeDto>('/report-types', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['report-types'] });
      void qc.invalidateQueries({ queryKey: ['report-duties'] });
    },
  });
}

export function usePilotFlags() {
  return useQuery({
    queryKey: ['pilot-flags'],
    queryFn: ({ signal }) => api.get<{ items: PilotFlagDto[] }>('/pilot-flags', undefined, signal),
    select: (d) => d.items,
  });
}

export function usePilotCancellations() {
  return useQuery({
    queryKey: ['pilot-cancellations'],
    queryFn: ({ signal }) => api.get<{ items: PilotCancellationDto[] }>('/pilot-cancellations', undefined, signal),
    select: (d) => d.items,
  });
}

export function useCancelPilot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ filingId, ...body }: CancelPilotRequest & { filingId: string }) =>
      api.post<PilotCancellationDto>(`/filings/${filingId}/cancellation`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['pilot-flags'] });
      void qc.invalidateQueries({ queryKey: ['pilot-cancellations'] });
    },
  });
}

export interface ComplaintListQuery {
  page: number;
  pageSize: number;
  status?: ComplaintStatus | undefined;
  category?: ComplaintCategory | undefined;
  subjectType?: ComplaintSubjectType | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
}

export function useComplaints(query: ComplaintListQuery) {
  return useQuery({
    queryKey: ['complaints', query],
    queryFn: ({ signal }) => api.get<Page<ComplaintDto>>('/complaints', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useComplaint(id: string | undefined) {
  return useQuery({
    queryKey: ['complaint', id],
    queryFn: ({ signal }) => api.get<ComplaintDetailDto>(`/complaints/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useComplaintTransition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplaintTransitionRequest) => api.post<ComplaintDetailDto>(`/complaints/${id}/transitions`, body),
    onSuccess: (d) => {
      qc.setQueryData(['complaint', id], d);
      void qc.invalidateQueries({ queryKey: ['complaints'] });
    },
  });
}

/** Downloads a complaint attachment (the handler only) and hands it to the browser. */
export async function downloadComplaintAttachment(complaintId: string, a: ComplaintAttachmentDto): Promise<void> {
  saveBlob(await apiRequest<Blob>(`/complaints/${complaintId}/attachments/${a.id}`, { blob: true }), a.name);
}

/** The complainant's files, sent with the tracking code right after filing (at most 3; PDF, PNG, JPEG). */
export function uploadComplaintAttachments(trackingCode: string, files: readonly File[]) {
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  return api.upload<{ items: ComplaintAttachmentDto[] }>(`/public/complaints/${encodeURIComponent(trackingCode)}/attachments`, form);
}

export interface CreateInspectionBody {
  filingId: string;
  title: string;
  plannedOn: string;
  extraItems: { key: string; label: string }[];
}

const keys = {
  inspections: ['inspections'] as const,
  draws: ['inspection-draws'] as const,
};

function useInvalidating<TBody, TOut>(key: readonly string[], fn: (body: TBody) => Promise<TOut>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

export function useInspections() {
  return useQuery({
    queryKey: keys.inspections,
    queryFn: ({ signal }) => api.get<{ items: InspectionDto[] }>('/inspections', undefined, signal),
    select: (d) => d.items,
  });
}

export function useInspection(id: string) {
  return useQuery({
    queryKey: [...keys.inspections, id],
    queryFn: ({ signal }) => api.get<InspectionDto>(`/inspections/${encodeURIComponent(id)}`, undefined, signal),
    retry: false,
  });
}

/** Approved pilots in scope (published filings), to plan an inspection of one. */
export function usePilots(enabled: boolean) {
  return useQuery({
    queryKey: ['inspection-pilots'],
    queryFn: ({ signal }) => api.get<Page<FilingSummaryDto>>('/filings', { status: 'published', pageSize: 200 }, signal),
    select: (d) => d.items.filter((f) => f.decision === 'approved'),
    enabled,
  });
}

export function useCreateInspection() {
  return useInvalidating(keys.inspections, (b: CreateInspectionBody) => api.post<InspectionDto>('/inspections', b));
}
export function useRecordFinding(id: string) {
  return useInvalidating(keys.inspections, (b: { itemKey: string; finding: string; issue: boolean; fileIds: string[] }) =>
    api.post<InspectionDto>(`/inspections/${id}/findings`, b),
  );
}
export function useOrderRectification(id: string) {
  return useInvalidating(keys.inspections, (b: { requirement: string; deadline: string }) =>
    api.post<InspectionDto>(`/inspections/${id}/rectifications`, b),
  );
}
export function useReportRectification(id: string) {
  return useInvalidating(keys.inspections, ({ orderId, ...b }: { orderId: string; report: string; fileIds: string[] }) =>
    api.post<InspectionDto>(`/inspections/${id}/rectifications/${orderId}/report`, b),
  );
}
export function useDecideRectification(id: string) {
  return useInvalidating(
    keys.inspections,
    ({ orderId, ...b }: { orderId: string; decision: 'accept' | 'reorder'; comment: string; deadline?: string | undefined }) =>
      api.post<InspectionDto>(`/inspections/${id}/rectifications/${orderId}/decision`, b),
  );
}
export function useCloseInspection(id: string) {
  return useInvalidating(keys.inspections, (b: { result: string; publish: boolean }) =>
    api.post<InspectionDto>(`/inspections/${id}/close`, b),
  );
}
/** Evidence (PDF) for a finding or a rectification report; answers the stored file's id. */
export function useUploadEvidence(id: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<{ id: string; name: string }>(`/inspections/${id}/evidence`, form);
    },
  });
}

export function useDraws(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...keys.draws, page, pageSize],
    queryFn: ({ signal }) => api.get<Page<DrawDto>>('/inspection-draws', { page, pageSize }, signal),
  });
}
export function useCreateDraw() {
  return useInvalidating(keys.draws, (b: CreateDrawRequest) => api.post<DrawDto>('/inspection-draws', b));
}
export function usePublishDraw() {
  return useInvalidating(keys.draws, ({ id, result }: { id: string; result?: string | undefined }) =>
    api.post<DrawDto>(`/inspection-draws/${id}/publish`, result ? { result } : {}),
  );
}
export function useInspectors() {
  return useQuery({
    queryKey: ['inspectors'],
    queryFn: ({ signal }) => api.get<{ items: InspectorDto[] }>('/inspectors', undefined, signal),
    select: (d) => d.items,
  });
}
export function useCreateInspector() {
  return useInvalidating(['inspectors'], (b: { name: string; title?: string | undefined }) => api.post<InspectorDto>('/inspectors', b));
}
/** Certificate types in scope, for the draw's certificate filter. */
export function useCertificateTypeOptions() {
  return useQuery({
    queryKey: ['draw-certificate-types'],
    queryFn: ({ signal }) => api.get<Page<{ id: string; name: string }>>('/certificate-types', { pageSize: 200 }, signal),
    select: (d) => d.items.map((c) => ({ value: c.id, label: c.name })),
    staleTime: 5 * 60_000,
  });
}
export function useProvinces(enabled: boolean) {
  return useQuery({
    queryKey: ['regions', null],
    queryFn: () => api.get<{ items: RegionDto[] }>('/regions'),
    staleTime: Infinity,
    enabled,
    select: (d) => d.items,
  });
}

/** Published draws and their results (api-v1 public, no account). */
export function usePublicDraws(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['public-inspection-draws', page, pageSize],
    queryFn: ({ signal }) => api.get<Page<PublicDrawDto>>('/public/inspection-draws', { page, pageSize }, signal),
  });
}

/** Published results of closed inspections (公开, no account). */
export function usePublicInspectionResults(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['public-inspection-results', page, pageSize],
    queryFn: ({ signal }) => api.get<Page<PublicInspectionResultDto>>('/public/inspection-results', { page, pageSize }, signal),
  });
}

export function useScorecards(kind: 'school' | 'organization', year: number) {
  return useQuery({
    queryKey: ['scorecards', kind, year],
    queryFn: ({ signal }) => api.get<{ items: ScorecardDto[] }>('/scorecards', { kind, year }, signal),
    select: (d) => d.items,
  });
}
