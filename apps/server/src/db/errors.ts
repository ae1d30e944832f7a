import type { ErrorCode } from '@onex/shared';

/** The SQLSTATE of a PostgreSQL error, from pg or PGlite. */
export function pgErrorCode(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** PostgreSQL unique_violation, from pg or PGlite. */
export function isUniqueViolation(e: unknown): boolean {
  return pgErrorCode(e) === '23505';
}

/**
 * What the client is told when the database refuses its values (a schema should have caught them first): a 4xx with a
 * Chinese message instead of a 500. Other SQLSTATEs (connection, deadlock, bugs) stay 500.
 */
const DATABASE_REFUSALS: Record<string, ErrorCode> = {
  '23505': 'DUPLICATE_RECORD',
  '23503': 'REFERENCE_CONFLICT',
  '23514': 'VALUE_NOT_ALLOWED',
  '23502': 'VALUE_NOT_ALLOWED', // not_null_violation
  '22007': 'DATE_INVALID', // invalid_datetime_format
  '22008': 'DATE_INVALID', // datetime_field_overflow
  '22003': 'NUMBER_OUT_OF_RANGE',
  '22P02': 'VALUE_MALFORMED', // invalid_text_representation (a uuid, a number, JSON)
  '22001': 'TEXT_TOO_LONG', // string_data_right_truncation
  '54000': 'TEXT_TOO_LONG', // program_limit_exceeded: a value too large for an index row
  '22021': 'TEXT_INVALID_CHARACTERS', // character_not_in_repertoire (NUL in text)
  '22P05': 'TEXT_INVALID_CHARACTERS', // untranslatable_character (NUL in jsonb)
};

/** Unique constraints whose violation has a message of its own (PostgreSQL's default names: table_columns_key). */
const UNIQUE_CONSTRAINTS: Record<string, ErrorCode> = {
  filing_rounds_province_code_name_key: 'FILING_ROUND_NAME_TAKEN',
};

export function databaseRefusal(e: unknown): ErrorCode | undefined {
  const code = pgErrorCode(e);
  if (!code) return undefined;
  const constraint = (e as { constraint?: unknown }).constraint;
  if (code === '23505' && typeof constraint === 'string' && UNIQUE_CONSTRAINTS[constraint]) return UNIQUE_CONSTRAINTS[constraint];
  return DATABASE_REFUSALS[code];
}
