import { randomBytes } from 'node:crypto';
import type { SchoolStatus } from '@onex/shared';
import type { Actor } from '../../auth/actor';

/** Tracking codes of registrations: 16 characters of an unambiguous alphabet (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newRegistrationCode(): string {
  let s = '';
  for (const b of randomBytes(16)) s += ALPHABET[b % ALPHABET.length];
  return s;
}

export interface RegistrationFacts {
  provinceCode: string;
  status: SchoolStatus;
}

/**
 * Who decides a registration (R2.1, 002 四.3): the provincial administrator of the school's province (and the national
 * administrator); another province's administrator does not see it at all (404, decided by scope before this).
 */
export function mayDecideRegistration(actor: Actor, r: RegistrationFacts): boolean {
  if (r.status !== 'pending') return false;
  if (actor.role === 'national_admin') return true;
  return actor.role === 'province_admin' && actor.provinceCode === r.provinceCode;
}

/** What the province and the applicant are told (in-app notifications; they cite no province's notice, R3.11). */
export const registrationNotices = {
  submitted: (schoolName: string, resubmitted: boolean) => ({
    title: resubmitted ? `院校注册重新提交：${schoolName}` : `新的院校注册申报：${schoolName}`,
    body: `${schoolName} 已${resubmitted ? '修改后重新提交' : '自主提交'}注册申报，请审核其证明材料后通过或退回。`,
  }),
  approved: (schoolName: string) => ({
    title: '院校注册已审核通过',
    body: `${schoolName} 的注册申报已由省级教育行政部门审核通过，管理员账号已启用，可以开始维护专业数据并申报试点。`,
  }),
  returned: (schoolName: string, reason: string) => ({
    title: '院校注册申报被退回',
    body: `${schoolName} 的注册申报被退回，原因：${reason}。请凭查询码修改后重新提交。`,
  }),
};
