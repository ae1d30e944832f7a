import type { DepartmentDto, Page, SchoolDto, SchoolMajorDto, SchoolStatus, SchoolType } from '@onex/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './api';

/** Schools, their departments and majors as other features read them (the schools feature writes them). */

export interface SchoolQuery {
  page: number;
  pageSize: number;
  q?: string;
  status?: SchoolStatus;
  schoolType?: SchoolType;
  cityCode?: string;
}

export const schoolKeys = {
  all: ['schools'] as const,
  list: (q: SchoolQuery) => ['schools', 'list', q] as const,
  detail: (id: string) => ['schools', 'detail', id] as const,
  departments: (id: string) => ['schools', 'departments', id] as const,
  majors: (id: string, year?: number) => ['schools', 'majors', id, year ?? null] as const,
};

export function useSchools(query: SchoolQuery) {
  return useQuery({
    queryKey: schoolKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<SchoolDto>>('/schools', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDepartments(schoolId: string) {
  return useQuery({
    queryKey: schoolKeys.departments(schoolId),
    queryFn: () => api.get<{ items: DepartmentDto[] }>(`/schools/${encodeURIComponent(schoolId)}/departments`),
    select: (d) => d.items,
  });
}

export function useSchoolMajors(schoolId: string, year?: number) {
  return useQuery({
    queryKey: schoolKeys.majors(schoolId, year),
    queryFn: () => api.get<{ items: SchoolMajorDto[] }>(`/schools/${encodeURIComponent(schoolId)}/majors`, { year }),
    placeholderData: keepPreviousData,
    select: (d) => d.items,
  });
}
