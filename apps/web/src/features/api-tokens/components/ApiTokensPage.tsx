import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import type { ApiTokenDto } from '@onex/shared';
import { Alert, App, Badge, Button, Card, Form, Input, Modal, Popconfirm, Table, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../api';

function CreateTokenModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (token: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateApiToken();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [error, setError] = useState<string | null>(null);

  function close() {
    form.resetFields();
    setError(null);
    create.reset();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={t('apiTokens.create')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          create.mutate(v.name.trim(), {
            onSuccess: (res) => {
              form.resetFields();
              onCreated(res.token);
            },
            onError: (err) => {
              if (!showFieldErrors(form, err, {}, ['name'])) setError(errorText(err));
            },
          });
        }}
      >
        <Form.Item
          name="name"
          label={t('apiTokens.name')}
          rules={[{ required: true, whitespace: true, message: t('apiTokens.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('apiTokens.namePlaceholder')} autoComplete="off" data-testid="token-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Shows a new token once, with a copy button. */
function TokenOnceModal({ token, onClose }: { token: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    if (!token) return;
    try {
      await navigator.clipboard.writeText(token);
      void message.success(t('apiTokens.copied'));
    } catch {
      // Clipboard access can be refused (http, permissions): the token stays selectable on screen.
      const el = document.querySelector<HTMLElement>('[data-testid="token-value"]');
      if (el) window.getSelection()?.selectAllChildren(el);
    }
  };
  return (
    <Modal
      open={token !== null}
      title={t('apiTokens.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="token-copy">
          {t('apiTokens.copy')}
        </Button>,
        <Button key="done" type="primary" onClick={onClose}>
          {t('apiTokens.saved')}
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon title={t('apiTokens.onceWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        data-testid="token-value"
        style={{
          wordBreak: 'break-all',
          fontSize: 13,
          padding: 8,
          background: '#f5f5f5',
          borderRadius: 4,
          marginBottom: 0,
          userSelect: 'all',
        }}
      >
        {token}
      </Typography.Paragraph>
    </Modal>
  );
}

export function ApiTokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [createOpen, setCreateOpen] = useState(false);
  const [shown, setShown] = useState<string | null>(null);

  const columns: TableProps<ApiTokenDto>['columns'] = [
    { title: t('apiTokens.name'), dataIndex: 'name', key: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    {
      title: t('apiTokens.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      className: 'col-nowrap',
      width: 180,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('apiTokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      className: 'col-nowrap',
      width: 180,
      render: (v: string | null) => (v ? formatDateTime(v) : <Typography.Text type="secondary">{t('apiTokens.never')}</Typography.Text>),
    },
    {
      title: t('apiTokens.status'),
      key: 'status',
      width: 120,
      render: (_, tk) =>
        tk.revokedAt ? (
          <Tooltip title={t('apiTokens.revokedAt', { at: formatDateTime(tk.revokedAt) })}>
            <Badge status="default" text={t('apiTokens.revoked')} />
          </Tooltip>
        ) : (
          <Badge status="success" text={t('apiTokens.valid')} />
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, tk) =>
        tk.revokedAt ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <Popconfirm
            title={t('apiTokens.confirmRevoke', { name: tk.name })}
            okText={t('apiTokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              revoke
                .mutateAsync(tk.id)
                .then(() => void message.success(t('apiTokens.revokedOk')))
                .catch((err: unknown) => void message.error(errorText(err)))
            }
          >
            <Button type="link" size="small" danger data-testid={`revoke-${tk.id}`}>
              {t('apiTokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('apiTokens.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)} data-testid="create-token">
          {t('apiTokens.create')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('apiTokens.intro')}</Typography.Paragraph>
      {tokens.isError && <Alert type="error" showIcon title={errorText(tokens.error)} style={{ marginBottom: 16 }} />}
      <Table<ApiTokenDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tokens.data ?? []}
        loading={tokens.isFetching}
        pagination={false}
        locale={{ emptyText: t('apiTokens.empty') }}
      />
      <CreateTokenModal
        open={createOpen}
        onClose={() => setCreateOpen(false)}
        onCreated={(token) => {
          setCreateOpen(false);
          setShown(token);
        }}
      />
      <TokenOnceModal token={shown} onClose={() => setShown(null)} />
    </Card>
  );
}
