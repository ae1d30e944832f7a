import { createHash } from 'node:crypto';
import { creditCodeCheckChar } from '@onex/shared';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../auth/password';
import { recordAudit } from '../../modules/audit/audit.service';
import { insertFile } from '../../modules/files/files.queries';
import { insertNotifications } from '../../modules/notifications/notifications.queries';
import * as q from '../../modules/school-registrations/school-registrations.queries';
import type { DB } from '../schema';

const CODE17 = '12440600455866660';
const PROOF = Buffer.from('%PDF-1.4\n% 事业单位法人证书（演示）\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'utf8');

/**
 * A school that registered itself (R2.1, 002 四.3) and waits for 广东's review: 佛山智能制造职业技术学院 with its
 * leading body and responsible department (002 三.1), a PDF proof, and its administrator `fsim-admin` (disabled until
 * approval); gd-admin is told. Idempotent: nothing happens when the credit code is already registered.
 */
export async function seedDemoSchoolRegistration(trx: Kysely<DB>, now: Date, password: string): Promise<void> {
  const creditCode = CODE17 + creditCodeCheckChar(CODE17)!;
  if (await trx.selectFrom('schools').select('id').where('credit_code', '=', creditCode).executeTakeFirst()) return;
  const v: q.RegistrationValues = {
    name: '佛山智能制造职业技术学院',
    creditCode,
    schoolType: 'higher',
    provinceCode: '440000',
    cityCode: '440600',
    flags: ['industry_featured'],
    address: '佛山市顺德区',
    contactName: '梁老师',
    contactPhone: '0757-22000000',
    leadingBody: '1+X 证书制度试点工作领导小组',
    leadingBodyHead: '何校长（组长）',
    responsibleDepartment: '教务处',
    responsiblePerson: '罗处长',
  };
  const id = await q.insertRegistration(trx, v, 'DEMOFSIM2026REG8', now);
  const applicant = await q.insertApplicant(trx, {
    username: 'fsim-admin',
    displayName: '佛山智能制造教务处',
    passwordHash: await hashPassword(password),
    provinceCode: v.provinceCode,
    cityCode: v.cityCode,
    schoolId: id,
    at: now,
  });
  const fileId = await insertFile(trx, {
    sha256: createHash('sha256').update(PROOF).digest('hex'),
    size: PROOF.length,
    mime: 'application/pdf',
    originalName: '事业单位法人证书.pdf',
    bytes: PROOF,
    createdAt: now,
    createdBy: null,
    provinceCode: v.provinceCode,
    schoolId: id,
    orgId: null,
  });
  await q.linkProof(trx, id, applicant, fileId);
  const gd = await trx.selectFrom('users').select('id').where('username', '=', 'gd-admin').executeTakeFirst();
  if (gd)
    await insertNotifications(trx, [
      {
        userId: gd.id,
        kind: 'school_registration',
        title: `新的院校注册申报：${v.name}`,
        body: `${v.name} 已自主提交注册申报（002 四.3），请审核其证明材料后通过或退回。`,
        link: `/schools/${id}`,
        at: now,
      },
    ]);
  await recordAudit(trx, { actor: null, requestId: 'system', clientIp: null }, now, {
    action: 'school.self_register',
    targetType: 'school',
    targetId: id,
    summary: { ...v, status: 'pending', adminUsername: 'fsim-admin', adminAccountStatus: 'disabled', demo: true },
    scope: { provinceCode: v.provinceCode, cityCode: v.cityCode, schoolId: id },
  });
}
