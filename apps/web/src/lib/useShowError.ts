import { App } from 'antd';
import { useCallback } from 'react';
import { useErrorText } from './useErrorText';

/** `(err) => void`: shows the error's message in the current language (a mutation's `onError`). */
export function useShowError(): (err: unknown) => void {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return useCallback((err: unknown) => void message.error(errorText(err)), [message, errorText]);
}
