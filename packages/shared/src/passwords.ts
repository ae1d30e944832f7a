/**
 * The password policy (issue 20 #9), one pure function used wherever a password is set: account creation and
 * reset, password change, learner activation and self-registration, and the CLI.
 */

/** The password of every demo account; refused for real accounts outside the demo. */
export const DEMO_PASSWORD = 'Demo@2026';

export const PASSWORD_MIN_LENGTH = 8;

/**
 * The most common passwords of public breach lists (and their usual Chinese variants), compared without case.
 * Most short or single-class ones are refused by length or character classes anyway; the list catches the
 * well-known ones that pass those rules (Password1, P@ssw0rd, Aa123456, Admin@123, …).
 */
const COMMON_PASSWORDS = new Set(
  [
    '123456',
    'password',
    '12345678',
    'qwerty',
    '123456789',
    '12345',
    '1234',
    '111111',
    '1234567',
    'dragon',
    '123123',
    'baseball',
    'abc123',
    'football',
    'monkey',
    'letmein',
    '696969',
    'shadow',
    'master',
    '666666',
    'qwertyuiop',
    '123321',
    'mustang',
    '1234567890',
    'michael',
    '654321',
    'superman',
    '1qaz2wsx',
    '7777777',
    '121212',
    '000000',
    'qazwsx',
    '123qwe',
    'killer',
    'trustno1',
    'jordan',
    'jennifer',
    'zxcvbnm',
    'asdfgh',
    'hunter',
    'sunshine',
    'iloveyou',
    'charlie',
    'starwars',
    '112233',
    'computer',
    '11111111',
    '88888888',
    '66666666',
    'princess',
    'admin',
    'admin123',
    'admin@123',
    'administrator',
    'root',
    'welcome',
    'welcome1',
    'welcome@123',
    'password1',
    'password123',
    'password1!',
    'password@123',
    'p@ssw0rd',
    'p@ssword',
    'passw0rd',
    'p@ssw0rd1',
    'p@ssw0rd123',
    'aa123456',
    'aa123456!',
    'aa@123456',
    'a123456',
    'a1234567',
    'a12345678',
    '123456a',
    '123456aa',
    'abc@123',
    'abc@1234',
    'abcd@1234',
    'abc12345',
    'abcd1234',
    'qwe123',
    'qwe@123',
    'qwer1234',
    'qwerty123',
    'qwerty1!',
    'qwerty@123',
    '1q2w3e4r',
    '1q2w3e4r5t',
    '1qaz@wsx',
    'zaq12wsx',
    'asdf1234',
    'qq123456',
    'zz123456',
    'woaini1314',
    'woaini520',
    '5201314',
    'iloveyou1',
    'test1234',
    'test@123',
    'changeme',
  ].map((p) => p.toLowerCase()),
);

export type PasswordProblem = 'too_short' | 'common' | 'classes' | 'demo';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, { zh: string; en: string }> = {
  too_short: { zh: `密码至少 ${PASSWORD_MIN_LENGTH} 位`, en: `The password needs at least ${PASSWORD_MIN_LENGTH} characters` },
  common: { zh: '该密码过于常见，容易被猜中，请换一个', en: 'This password is too common; choose another' },
  classes: {
    zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'The password needs at least three of: upper-case letters, lower-case letters, digits, symbols',
  },
  demo: { zh: '不能使用演示账号的公开密码', en: 'The public password of the demo accounts cannot be used' },
};

function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
}

/** Why a password is refused, or null when it may be set. `demo`: the demo deployment, where the demo password is allowed. */
export function passwordProblem(password: string, opts: { demo: boolean }): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (!opts.demo && password === DEMO_PASSWORD) return 'demo';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'common';
  if (characterClasses(password) < 3) return 'classes';
  return null;
}
