import { CREATABLE_ROLES, PASSWORD_RULE, USERNAME_RULE, type Role } from '@onex/shared';
import { Alert, App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleLabel, useLang } from '../../../lib/i18n';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useCreateAccount, useScopeOptions } from '../api';
import { buildCreateRequest, scopeChoices, visibleScopeFields, type CreateAccountFormValues, type ScopeField } from '../scope-fields';

const FIELD_LABEL: Record<ScopeField, string> = {
  provinceCode: 'accounts.province',
  cityCode: 'accounts.city',
  schoolId: 'accounts.school',
  departmentId: 'accounts.department',
  orgId: 'accounts.org',
};

/** What clearing a field clears after it (a city belongs to a province, a department to a school). */
const DEPENDENTS: Partial<Record<ScopeField, ScopeField[]>> = {
  provinceCode: ['cityCode', 'schoolId', 'departmentId'],
  cityCode: ['schoolId', 'departmentId'],
  schoolId: ['departmentId'],
};

const FORM_FIELDS = [
  'role',
  'username',
  'displayName',
  'password',
  'provinceCode',
  'cityCode',
  'schoolId',
  'departmentId',
  'orgId',
] as const;

export function CreateAccountDrawer({ open, actorRole, onClose }: { open: boolean; actorRole: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateAccountFormValues>();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [error, setError] = useState<string | null>(null);
  const creatable = CREATABLE_ROLES[actorRole];
  const options = useScopeOptions(open && creatable.length > 0);
  const create = useCreateAccount();

  const role = Form.useWatch('role', form);
  const chosen = {
    provinceCode: Form.useWatch('provinceCode', form),
    cityCode: Form.useWatch('cityCode', form),
    schoolId: Form.useWatch('schoolId', form),
    departmentId: Form.useWatch('departmentId', form),
    orgId: Form.useWatch('orgId', form),
  };
  const fields = visibleScopeFields(role, options.data);

  // With one possible choice (e.g. the creator's own province or school), choose it.
  useEffect(() => {
    if (!role || !options.data) return;
    for (const spec of visibleScopeFields(role, options.data)) {
      const choices = scopeChoices(spec.field, options.data, form.getFieldsValue(['provinceCode', 'cityCode', 'schoolId']));
      if (choices.length === 1 && !form.getFieldValue(spec.field)) form.setFieldValue(spec.field, choices[0]!.value);
    }
  }, [role, options.data, form]);

  function close() {
    form.resetFields();
    setError(null);
    create.reset();
    onClose();
  }

  function onFinish(values: CreateAccountFormValues) {
    setError(null);
    create.mutate(buildCreateRequest(values), {
      onSuccess: (account) => {
        void message.success(t('accounts.createdOk', { username: account.username }));
        close();
      },
      onError: (err) => {
        const shown = showFieldErrors(form, err, { USERNAME_TAKEN: 'username', PASSWORD_WEAK: 'password' }, FORM_FIELDS);
        if (!shown) setError(errorText(err));
      },
    });
  }

  return (
    <Drawer
      open={open}
      title={t('accounts.create')}
      size={520}
      onClose={close}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="create-account-submit">
            {t('common.submit')}
          </Button>
        </Space>
      }
    >
      {creatable.length === 0 && <Alert type="info" showIcon title={t('accounts.noCreatableRoles')} style={{ marginBottom: 16 }} />}
      {options.isError && <Alert type="error" showIcon title={errorText(options.error)} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="create-account-error" />}
      <Form<CreateAccountFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={(changed: Partial<CreateAccountFormValues>) => {
          if ('role' in changed) {
            form.setFieldsValue({
              provinceCode: undefined,
              cityCode: undefined,
              schoolId: undefined,
              departmentId: undefined,
              orgId: undefined,
            });
          }
          const chosenNow = form.getFieldsValue(['provinceCode', 'cityCode', 'schoolId']);
          for (const key of Object.keys(changed) as ScopeField[]) {
            for (const dep of DEPENDENTS[key] ?? []) {
              const value = form.getFieldValue(dep) as string | undefined;
              if (value && !scopeChoices(dep, options.data, chosenNow).some((c) => c.value === value)) form.setFieldValue(dep, undefined);
            }
          }
        }}
      >
        <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true, message: t('accounts.roleRequired') }]}>
          <Select
            placeholder={t('accounts.roleRequired')}
            options={creatable.map((r) => ({ value: r, label: roleLabel(r, lang) }))}
            data-testid="create-account-role"
          />
        </Form.Item>
        {fields.map((spec) => {
          const choices = scopeChoices(spec.field, options.data, chosen);
          const label = t(FIELD_LABEL[spec.field]);
          return (
            <Form.Item
              key={`${role}-${spec.field}`}
              name={spec.field}
              label={label}
              extra={spec.hint ? t(`accounts.${spec.hint}`) : undefined}
              rules={spec.required ? [{ required: true, message: t('accounts.scopeRequired', { field: label }) }] : []}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('accounts.selectPlaceholder')}
                loading={options.isPending}
                options={choices}
                data-testid={`create-account-${spec.field}`}
              />
            </Form.Item>
          );
        })}
        <Form.Item
          name="username"
          label={t('accounts.username')}
          extra={t('accounts.usernameRule')}
          rules={[
            { required: true, whitespace: true, message: t('accounts.usernameRequired') },
            {
              validator: (_, v: string | undefined) =>
                !v || USERNAME_RULE.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('accounts.usernameInvalid'))),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('accounts.displayName')}
          rules={[{ required: true, whitespace: true, message: t('accounts.displayNameRequired') }]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('accounts.initialPassword')}
          extra={t('auth.passwordRule')}
          rules={[
            { required: true, message: t('accounts.passwordRequired') },
            { pattern: PASSWORD_RULE, message: t('auth.passwordWeak') },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
