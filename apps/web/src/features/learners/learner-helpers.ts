import { idNumberProblem, normalizeIdNumber, type IdType } from '@onex/shared';

/** English for the shared (Chinese) ID-number messages; unknown messages are passed through. */
const ID_MESSAGES_EN: Record<string, string> = {
  证件号码不能为空: 'Enter the ID number',
  '居民身份证号码须为 18 位（17 位数字加 1 位校验码，校验码可为 X）':
    'A resident ID number has 18 characters: 17 digits and a check character (a digit or X)',
  居民身份证号码中的出生日期无效: 'The birth date inside the ID number is not a real date',
  '居民身份证号码校验码不正确，请核对': 'The check character of the ID number is wrong; please check the number',
  '护照号码须为 5–20 位字母或数字': 'A passport number has 5–20 letters or digits',
};

/**
 * The live GB 11643 check of the enrolment form: null while the number is valid or still empty (the required rule
 * speaks then), else the shared message in the current language.
 */
export function idNumberMessage(idType: IdType | undefined, value: string | undefined, lang: 'zh-CN' | 'en-US'): string | null {
  if (!idType || !value || !normalizeIdNumber(value)) return null;
  const p = idNumberProblem(idType, value);
  if (!p) return null;
  return lang === 'en-US' ? (ID_MESSAGES_EN[p] ?? p) : p;
}

/** The last six characters of an ID number, upper-case (what an activating student types). */
export function last6(value: string): string {
  return normalizeIdNumber(value).slice(-6);
}

export interface CodeSlip {
  name: string;
  className?: string | null;
  activationCode: string;
}

/** Print-friendly text of activation codes, one slip a line, for the school to hand out. */
export function activationSlipsText(slips: readonly CodeSlip[], expiresOn: string, lang: 'zh-CN' | 'en-US'): string {
  const head =
    lang === 'en-US'
      ? `Activate at /activate before ${expiresOn}: your username, the code, the last 6 of your ID number and a password.`
      : `请于 ${expiresOn} 前登录平台“学生账号激活”页面（/activate），填写用户名、激活码、证件号码后 6 位并设置密码。`;
  const lines = slips.map((s) =>
    [s.name, s.className ?? '', lang === 'en-US' ? `code ${s.activationCode}` : `激活码 ${s.activationCode}`].filter(Boolean).join('  '),
  );
  return [head, '', ...lines].join('\n');
}
