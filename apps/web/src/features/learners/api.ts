import type { ActivationCodeDto, IdType, LearnerDto } from '@onex/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api } from '../../lib/api';
import { learnerKeys } from '../../lib/learners';

export { type LearnerListQuery, learnerKeys, useLearners } from '../../lib/learners';

export interface LearnerCreateBody {
  name: string;
  idType: IdType;
  idNumber: string;
  schoolMajorId?: string | null;
  className?: string | null;
  povertyRegistered: boolean;
}

export interface LearnerCreated {
  learner: LearnerDto;
  activationCode: string;
  activationExpiresAt: string;
}

export interface LearnerImportResult {
  rows: number;
  created: number;
  activationCodes: { row: number; learnerId: string; name: string; className: string | null; activationCode: string }[];
  activationExpiresAt: string;
}

function useLearnerWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: learnerKeys.all });
    },
  });
}

export const useCreateLearner = () => useLearnerWrite((body: LearnerCreateBody) => api.post<LearnerCreated>('/learners', body));
export const useRegenerateCode = () =>
  useLearnerWrite((id: string) => api.post<ActivationCodeDto>(`/learners/${encodeURIComponent(id)}/activation-code`));
export const useImportLearners = () =>
  useLearnerWrite((file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<LearnerImportResult>('/learners/import', form);
  });

/** The .xlsx template (a plain GET with the session cookie). */
export const learnerTemplateUrl = `${API_BASE}/learners/import-template`;

export interface ActivationBody {
  username: string;
  activationCode: string;
  idNumberLast6?: string;
  password: string;
}
export interface RegistrationBody {
  username: string;
  password: string;
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  consent: true;
}

export const useActivateLearner = () =>
  useMutation({
    mutationFn: (body: ActivationBody) => api.post<{ learnerId: string; username: string }>('/public/learner-activation', body),
  });
export const useRegisterLearner = () =>
  useMutation({
    mutationFn: (body: RegistrationBody) => api.post<{ learnerId: string; username: string }>('/public/learner-registration', body),
  });
