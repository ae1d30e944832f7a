import { KeyOutlined, SyncOutlined } from '@ant-design/icons';
import type { IssuerKeyDto } from '@onex/shared';
import { Alert, App, Button, Card, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import { useIssuerKeys, useRotateKey, useSetPublicityDays } from '../api';

/** 签名密钥 (organization, R6.1): the signing keys (active / retired), rotation, and the publicity period (公示期). */
export function IssuerKeysPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const keys = useIssuerKeys();
  const rotate = useRotateKey();
  const setDays = useSetPublicityDays();
  const [form] = Form.useForm<{ publicityDays: number }>();
  const days = keys.data?.publicityDays;

  useEffect(() => {
    if (days !== undefined) form.setFieldsValue({ publicityDays: days });
  }, [days, form]);

  const confirmRotate = () =>
    modal.confirm({
      title: t('certificates.rotateConfirmTitle'),
      content: t('certificates.rotateConfirm'),
      okText: t('certificates.rotate'),
      cancelText: t('common.cancel'),
      onOk: () =>
        rotate
          .mutateAsync()
          .then(() => void message.success(t('certificates.rotatedOk')))
          .catch((err: unknown) => void message.error(errorText(err))),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>
            <KeyOutlined style={{ marginInlineEnd: 8 }} />
            {t('menu.issuerKeys')}
          </Typography.Title>
          <Button icon={<SyncOutlined />} onClick={confirmRotate} loading={rotate.isPending} data-testid="rotate-key">
            {t('certificates.rotate')}
          </Button>
        </div>
        <Typography.Paragraph type="secondary">{t('certificates.keysIntro')}</Typography.Paragraph>
        {keys.isError && <Alert type="error" showIcon title={errorText(keys.error)} style={{ marginBottom: 16 }} />}
        <Table<IssuerKeyDto>
          rowKey="id"
          size="middle"
          loading={keys.isFetching}
          dataSource={keys.data?.keys ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('certificates.noKeys') }}
          data-testid="issuer-keys"
          columns={[
            {
              title: t('certificates.keyId'),
              dataIndex: 'verificationMethod',
              key: 'vm',
              render: (v: string) => (
                <Typography.Text copyable style={{ fontSize: 12 }}>
                  {v}
                </Typography.Text>
              ),
            },
            {
              title: t('certificates.publicKey'),
              dataIndex: 'publicKeyMultibase',
              key: 'pk',
              width: 260,
              render: (v: string) => (
                <Typography.Text copyable={{ text: v }} code style={{ fontSize: 12 }}>
                  {v.length > 24 ? `${v.slice(0, 12)}…${v.slice(-8)}` : v}
                </Typography.Text>
              ),
            },
            {
              title: t('certificates.keyStatus'),
              dataIndex: 'status',
              key: 'status',
              width: 100,
              render: (s: IssuerKeyDto['status']) =>
                s === 'active' ? <Tag color="green">{t('certificates.keyActive')}</Tag> : <Tag>{t('certificates.keyRetired')}</Tag>,
            },
            {
              title: t('certificates.keyCreatedAt'),
              key: 'created',
              className: 'col-nowrap',
              width: 170,
              render: (_, k) => formatDateTime(k.createdAt),
            },
            {
              title: t('certificates.keyRetiredAt'),
              key: 'retired',
              className: 'col-nowrap',
              width: 170,
              render: (_, k) => (k.retiredAt ? formatDateTime(k.retiredAt) : t('common.none')),
            },
          ]}
        />
      </Card>

      <Card title={t('certificates.publicityTitle')}>
        <Typography.Paragraph type="secondary">{t('certificates.publicityHint')}</Typography.Paragraph>
        <Form
          form={form}
          layout="inline"
          onFinish={(v) =>
            setDays.mutate(v.publicityDays, {
              onSuccess: () => void message.success(t('certificates.publicitySaved')),
              onError: (err) => void message.error(errorText(err)),
            })
          }
        >
          <Form.Item
            name="publicityDays"
            label={t('certificates.publicityDays')}
            rules={[{ required: true, type: 'integer', min: 0, max: 60, message: t('certificates.publicityRange') }]}
          >
            <InputNumber
              min={0}
              max={60}
              precision={0}
              suffix={t('certificates.daysUnit')}
              style={{ width: 140 }}
              data-testid="publicity-days"
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={setDays.isPending} disabled={!keys.data}>
              {t('common.save')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </Space>
  );
}
