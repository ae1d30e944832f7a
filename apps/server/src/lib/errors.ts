import { ERRORS, type ErrorCode } from '@onex/shared';

/** The one application error: a registry code, optional details, and the registry's status and message. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details: Record<string, unknown> = {},
    message?: string,
  ) {
    super(message ?? ERRORS[code].zh);
    this.status = ERRORS[code].status;
  }
}

/**
 * 404 from a scope check (or a record that does not exist: the two are never told apart). It is marked so the error
 * handler can count a signed-in actor's attempts outside its scope as security events.
 */
export const notFound = () => Object.assign(new AppError('NOT_FOUND'), { outOfScope: true });
export const forbidden = () => new AppError('FORBIDDEN');
