import { PASSWORD_RULE, type AccountDto } from '@onex/shared';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useResetAccountPassword } from '../api';

interface Values {
  newPassword: string;
  confirmPassword: string;
}

export function ResetPasswordModal({ account, onClose }: { account: AccountDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [error, setError] = useState<string | null>(null);
  const reset = useResetAccountPassword();

  function close() {
    form.resetFields();
    setError(null);
    reset.reset();
    onClose();
  }

  return (
    <Modal
      open={account !== null}
      title={t('accounts.resetTitle', { name: account ? `${account.displayName}（${account.username}）` : '' })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={reset.isPending}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('accounts.resetHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (!account) return;
          setError(null);
          reset.mutate(
            { id: account.id, newPassword: v.newPassword },
            {
              onSuccess: () => {
                void message.success(t('accounts.resetOk'));
                close();
              },
              onError: (err) => {
                if (!showFieldErrors(form, err, { PASSWORD_WEAK: 'newPassword' }, ['newPassword'])) setError(errorText(err));
              },
            },
          );
        }}
      >
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={t('auth.passwordRule')}
          rules={[
            { required: true, message: t('auth.newPasswordRequired') },
            { pattern: PASSWORD_RULE, message: t('auth.passwordWeak') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.confirmPasswordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
