import type { Db } from '../../db/types';
import { notify } from '../notifications/notifications.service';
import * as q from './school-registrations.queries';
import { registrationNotices } from './school-registrations.rules';

/**
 * Called by the school approval in its transaction: a self-registered school's administrator account is enabled and
 * told (R2.1: only now can the school log in and file).
 */
export async function afterApproval(
  trx: Db,
  at: Date,
  row: { id: string; name: string; self_registered: boolean; applicant_user_id: string | null },
): Promise<{ applicantActivated: boolean }> {
  if (!row.self_registered || !row.applicant_user_id) return { applicantActivated: false };
  const activated = await q.activateApplicant(trx, row.id, row.applicant_user_id);
  await notify(trx, at, {
    to: { userIds: [row.applicant_user_id] },
    kind: 'school_registration',
    ...registrationNotices.approved(row.name),
    link: `/schools/${row.id}`,
  });
  return { applicantActivated: activated };
}
