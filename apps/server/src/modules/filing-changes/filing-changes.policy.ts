import type { ChangeRequestStatus, FilingStatus, Role } from '@onex/shared';

/** The written request is the school's (its 教务 office files it, 粤生态职院〔2023〕18号 第四条, 第七条). */
export const CHANGE_REQUESTERS: readonly Role[] = ['school_admin'];

/** Only a filing the school knows to be approved — published with an approval — takes change requests. */
export const takesChangeRequests = (f: { status: FilingStatus; decision: 'approved' | 'rejected' | null }) =>
  f.status === 'published' && f.decision === 'approved';

/** The province of the filing records (accepts) or refuses a pending request. */
export function changeRequestActions(role: Role, status: ChangeRequestStatus): ('accept' | 'refuse')[] {
  return role === 'province_admin' && status === 'submitted' ? ['accept', 'refuse'] : [];
}
