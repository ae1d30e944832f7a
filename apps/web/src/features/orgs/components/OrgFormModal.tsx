import { ORG_EDITABLE_BY_ORG_ADMIN, type CreateEvaluationOrgRequest, type EvaluationOrgDto } from '@onex/shared';
import { Alert, App, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useCreateOrg, useUpdateOrg } from '../api';

type Values = CreateEvaluationOrgRequest;

const NULLABLE = ['shortName', 'address', 'postcode', 'website', 'description'] as const;

/** Create an organization (org = null) or edit one; `profileOnly` limits to the fields an organization may change itself. */
export function OrgFormModal({
  open,
  org,
  profileOnly,
  onClose,
}: {
  open: boolean;
  org: EvaluationOrgDto | null;
  profileOnly?: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const mutation = org ? update : create;
  const editable = (f: string) => !profileOnly || (ORG_EDITABLE_BY_ORG_ADMIN as readonly string[]).includes(f);

  const onFinish = (v: Values) => {
    const body: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) {
      if (!editable(k)) continue;
      if (org && k === 'code') continue;
      body[k] =
        (NULLABLE as readonly string[]).includes(k) && typeof val === 'string' && val.trim() === '' ? (org ? null : undefined) : val;
    }
    const done = {
      onSuccess: () => {
        void message.success(t('common.savedOk'));
        onClose();
      },
      onError: (err: unknown) => showFieldErrors(form, err, { EVALUATION_ORG_TAKEN: 'name' }),
    };
    if (org) update.mutate({ id: org.id, body }, done);
    else create.mutate(body as Values, done);
  };

  return (
    <Modal
      open={open}
      title={org ? t('orgs.editTitle', { name: org.name }) : t('orgs.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      width={640}
    >
      {mutation.isError && <Alert type="error" showIcon title={errorText(mutation.error)} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          org
            ? {
                code: org.code,
                name: org.name,
                shortName: org.shortName ?? '',
                address: org.address ?? '',
                postcode: org.postcode ?? '',
                website: org.website ?? '',
                description: org.description ?? '',
                toBeConfirmed: org.toBeConfirmed,
              }
            : { toBeConfirmed: false }
        }
        onFinish={onFinish}
      >
        <Form.Item
          name="code"
          label={t('orgs.code')}
          rules={[{ required: true, whitespace: true }]}
          extra={org ? undefined : t('orgs.codeRule')}
        >
          <Input disabled={Boolean(org)} maxLength={32} data-testid="org-code" />
        </Form.Item>
        <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true }]}>
          <Input disabled={!editable('name')} maxLength={100} data-testid="org-name" />
        </Form.Item>
        <Form.Item name="shortName" label={t('orgs.shortName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="address" label={t('orgs.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="postcode" label={t('orgs.postcode')} rules={[{ pattern: /^\d{6}$/, message: t('orgs.postcodeRule') }]}>
          <Input maxLength={6} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="website" label={t('orgs.website')} rules={[{ type: 'url', message: t('orgs.websiteRule') }]}>
          <Input maxLength={200} placeholder="https://" />
        </Form.Item>
        <Form.Item name="description" label={t('orgs.description')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        {editable('toBeConfirmed') && (
          <Form.Item name="toBeConfirmed" valuePropName="checked">
            <Checkbox>{t('orgs.toBeConfirmed')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
