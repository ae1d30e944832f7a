import { findBadText } from '@onex/shared';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';

/** fastify-type-provider-zod marks its validation errors with this global symbol; the error handler formats them. */
const ZOD_VALIDATION_ERROR = Symbol.for('ZodFastifySchemaValidationError');

/**
 * The zod validator of every route, preceded by the shared text rule over the whole input (body, query, params):
 * a NUL or a lone surrogate anywhere — also in a field whose schema is a bare `z.string()`, an id or a key — is a 400
 * naming the field, before the route's schema or the database sees it.
 */
export const guardedValidatorCompiler: FastifySchemaCompiler<ZodType> = (route) => {
  const validate = validatorCompiler(route);
  return (data: unknown) => {
    const bad = findBadText(data);
    if (!bad) return validate(data);
    const path = bad.path.join('/');
    return {
      error: [
        {
          [ZOD_VALIDATION_ERROR]: true,
          keyword: 'custom',
          instancePath: `/${path}`,
          schemaPath: `#/${path}/custom`,
          message: bad.message,
          params: {},
        },
      ] as never,
    };
  };
};
