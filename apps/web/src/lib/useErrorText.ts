import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { errorMessage, fieldErrors } from './errors';
import { useLang } from './i18n';

/** `(err) => message` in the current language. */
export function useErrorText(): (err: unknown) => string {
  const { lang } = useLang();
  return useCallback((err: unknown) => errorMessage(err, lang), [lang]);
}

/**
 * Shows an error's field messages under the matching fields of `form` (only fields the form has).
 * Returns whether any was shown, so the caller can fall back to a message or an Alert.
 */
export function useFormErrors(): <T>(
  form: FormInstance<T>,
  err: unknown,
  codeFields?: Partial<Record<string, string>>,
  fieldNames?: readonly string[],
) => boolean {
  const { lang } = useLang();
  return useCallback(
    <T>(form: FormInstance<T>, err: unknown, codeFields: Partial<Record<string, string>> = {}, fieldNames?: readonly string[]) => {
      const known = fieldNames ?? Object.keys(form.getFieldsValue(true) as Record<string, unknown>);
      const list = fieldErrors(err, lang, codeFields).filter((f) => known.includes(f.name));
      if (!list.length) return false;
      form.setFields(list.map((f) => ({ name: f.name as never, errors: f.errors })));
      return true;
    },
    [lang],
  );
}
