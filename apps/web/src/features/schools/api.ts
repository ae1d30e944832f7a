import type { CreateSchoolRequest, DepartmentDto, MajorFigures, SchoolDto, SchoolMajorDto, UpdateSchoolRequest } from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api } from '../../lib/api';
import { schoolKeys } from '../../lib/schools';

export { type SchoolQuery, schoolKeys, useDepartments, useSchoolMajors, useSchools } from '../../lib/schools';

export interface ImportResult {
  rows: number;
  majorsCreated: number;
  majorsUpdated: number;
  yearsWritten: number;
}

export function useSchool(id: string | undefined) {
  return useQuery({
    queryKey: schoolKeys.detail(id ?? ''),
    queryFn: () => api.get<SchoolDto>(`/schools/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
  });
}

function useSchoolWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: schoolKeys.all });
    },
  });
}

const sp = (id: string) => `/schools/${encodeURIComponent(id)}`;

export const useRegisterSchool = () => useSchoolWrite((body: CreateSchoolRequest) => api.post<SchoolDto>('/schools', body));
export const useUpdateSchool = () =>
  useSchoolWrite(({ id, body }: { id: string; body: UpdateSchoolRequest }) => api.patch<SchoolDto>(sp(id), body));
export const useApproveSchool = () =>
  useSchoolWrite(({ id, comment }: { id: string; comment?: string }) =>
    api.post<SchoolDto>(`${sp(id)}/approval`, comment ? { comment } : {}),
  );
export const useReturnSchool = () =>
  useSchoolWrite(({ id, reason }: { id: string; reason: string }) => api.post<SchoolDto>(`${sp(id)}/return`, { reason }));
export const useCreateDepartment = () =>
  useSchoolWrite(({ schoolId, name }: { schoolId: string; name: string }) =>
    api.post<DepartmentDto>(`${sp(schoolId)}/departments`, { name }),
  );
export const useRenameDepartment = () =>
  useSchoolWrite(({ id, name }: { id: string; name: string }) =>
    api.patch<DepartmentDto>(`/departments/${encodeURIComponent(id)}`, { name }),
  );
export const useDeleteDepartment = () => useSchoolWrite((id: string) => api.delete<void>(`/departments/${encodeURIComponent(id)}`));
export const useCreateMajor = () =>
  useSchoolWrite(({ schoolId, body }: { schoolId: string; body: { departmentId: string; majorCode: string; name: string } }) =>
    api.post<SchoolMajorDto>(`${sp(schoolId)}/majors`, body),
  );
export const useUpdateMajor = () =>
  useSchoolWrite(({ id, body }: { id: string; body: { departmentId?: string; majorCode?: string; name?: string } }) =>
    api.patch<SchoolMajorDto>(`/school-majors/${encodeURIComponent(id)}`, body),
  );
export const useDeleteMajor = () => useSchoolWrite((id: string) => api.delete<void>(`/school-majors/${encodeURIComponent(id)}`));
export const usePutMajorYear = () =>
  useSchoolWrite(({ id, year, body }: { id: string; year: number; body: MajorFigures }) =>
    api.put<SchoolMajorDto>(`/school-majors/${encodeURIComponent(id)}/years/${year}`, body),
  );
export const useImportMajors = () =>
  useSchoolWrite(({ schoolId, file }: { schoolId: string; file: File }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<ImportResult>(`${sp(schoolId)}/majors/import`, form);
  });

/** The address of the .xlsx template (a plain GET with the session cookie). */
export const importTemplateUrl = (schoolId: string) => `${API_BASE}${sp(schoolId)}/majors/import-template`;
