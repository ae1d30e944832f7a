import type { PublicSchoolRegistrationDto, SchoolSelfRegistrationInput, SchoolSelfRegistrationRequest } from '@onex/shared';
import { SCHOOL_REGISTRATION_DATA_FIELD, SCHOOL_REGISTRATION_PROOF_FIELD } from '@onex/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';

/** Provinces or the cities of one province (the shared query of lib/regions). */
export { useRegions as useRegionList } from '../../lib/regions';

function registrationForm(data: unknown, proof: File | null): FormData {
  const form = new FormData();
  form.append(SCHOOL_REGISTRATION_DATA_FIELD, JSON.stringify(data));
  if (proof) form.append(SCHOOL_REGISTRATION_PROOF_FIELD, proof, proof.name);
  return form;
}

export function useSubmitRegistration() {
  return useMutation({
    mutationFn: ({ data, proof }: { data: SchoolSelfRegistrationRequest; proof: File }) =>
      api.upload<{ id: string; trackingCode: string }>('/public/school-registrations', registrationForm(data, proof)),
  });
}

export function useResubmitRegistration(trackingCode: string) {
  return useMutation({
    mutationFn: ({ data, proof }: { data: SchoolSelfRegistrationInput; proof: File | null }) =>
      apiRequest<PublicSchoolRegistrationDto>(`/public/school-registrations/${encodeURIComponent(trackingCode)}`, {
        method: 'PUT',
        form: registrationForm(data, proof),
      }),
  });
}

export function useRegistrationStatus(trackingCode: string | null) {
  return useQuery({
    queryKey: ['school-registration', trackingCode],
    queryFn: () => api.get<PublicSchoolRegistrationDto>(`/public/school-registrations/${encodeURIComponent(trackingCode!)}`),
    enabled: Boolean(trackingCode),
    retry: false,
  });
}
