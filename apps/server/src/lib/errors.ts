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

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
