import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '@onex/shared';
import { AppError } from '../lib/errors';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time on an unknown username as on a wrong password. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummy ??= hashPassword('dummy-password-for-timing-0');
  await verifyPassword(await dummy, password);
}

/** The password policy of packages/shared: 400 PASSWORD_WEAK saying why (`details.reason`) in Chinese. */
export function assertPasswordAllowed(password: string, demo: boolean): void {
  const problem = passwordProblem(password, { demo });
  if (problem) throw new AppError('PASSWORD_WEAK', { reason: problem }, PASSWORD_PROBLEM_MESSAGES[problem].zh);
}
