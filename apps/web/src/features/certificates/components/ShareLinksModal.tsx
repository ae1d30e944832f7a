import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import type { ShareLinkDto } from '@onex/shared';
import { SHARE_LINK_DAYS } from '@onex/shared';
import { Alert, App, Button, Form, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import { useCreateShareLink, useRevokeShareLink, useShareLinks } from '../api';
import { SHARE_DAY_CHOICES, shareLinkState } from '../certificate-helpers';

const STATE_COLORS = { active: 'green', expired: 'default', revoked: 'red' } as const;

/** 分享链接 of one certificate (holder): create with 30–180 days, list, copy, revoke early. */
export function ShareLinksModal({ number, onClose }: { number: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const links = useShareLinks(number);
  const create = useCreateShareLink();
  const revoke = useRevokeShareLink();
  const [days, setDays] = useState<number>(SHARE_DAY_CHOICES[0]!);
  const [custom, setCustom] = useState(false);

  return (
    <Modal
      open={Boolean(number)}
      title={t('certificates.shareTitle', { number })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      width={860}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('certificates.shareIntro')}</Typography.Paragraph>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('certificates.shareDays')}>
          <Space>
            <Select<number | 'custom'>
              style={{ width: 120 }}
              value={custom ? 'custom' : days}
              onChange={(v) => {
                if (v === 'custom') setCustom(true);
                else {
                  setCustom(false);
                  setDays(v);
                }
              }}
              options={[
                ...SHARE_DAY_CHOICES.map((d) => ({ value: d, label: t('certificates.shareDaysValue', { days: d }) })),
                { value: 'custom' as const, label: t('certificates.shareDaysCustom') },
              ]}
              data-testid="share-days"
            />
            {custom && (
              <InputNumber
                min={SHARE_LINK_DAYS.min}
                max={SHARE_LINK_DAYS.max}
                precision={0}
                value={days}
                onChange={(v) => v !== null && setDays(v)}
                suffix={t('certificates.daysUnit')}
                style={{ width: 130 }}
              />
            )}
          </Space>
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            loading={create.isPending}
            data-testid="share-create"
            onClick={() =>
              number &&
              create.mutate(
                { number, days },
                {
                  onSuccess: () => void message.success(t('certificates.shareCreatedOk')),
                  onError: (err) => void message.error(errorText(err)),
                },
              )
            }
          >
            {t('certificates.shareCreate')}
          </Button>
        </Form.Item>
      </Form>
      {links.isError && <Alert type="error" showIcon title={errorText(links.error)} style={{ marginBottom: 12 }} />}
      <Table<ShareLinkDto>
        rowKey="id"
        size="small"
        loading={links.isFetching}
        dataSource={links.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('certificates.shareNone') }}
        data-testid="share-links"
        columns={[
          {
            title: t('certificates.shareLink'),
            key: 'url',
            render: (_, l) =>
              shareLinkState(l) === 'active' ? (
                <Typography.Text copyable={{ text: l.url, tooltips: [t('certificates.shareCopy'), t('certificates.shareCopied')] }}>
                  <a href={l.url} target="_blank" rel="noreferrer" data-testid="share-link-url">
                    <LinkOutlined /> {l.url}
                  </a>
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary" delete>
                  {l.url}
                </Typography.Text>
              ),
          },
          {
            title: t('certificates.status'),
            key: 'state',
            width: 90,
            render: (_, l) => {
              const s = shareLinkState(l);
              return <Tag color={STATE_COLORS[s]}>{t(`certificates.shareState.${s}`)}</Tag>;
            },
          },
          {
            title: t('certificates.shareCreatedAt'),
            key: 'created',
            className: 'col-nowrap',
            width: 170,
            render: (_, l) => formatDateTime(l.createdAt),
          },
          {
            title: t('certificates.shareExpiresAt'),
            key: 'expires',
            className: 'col-nowrap',
            width: 170,
            render: (_, l) => formatDateTime(l.expiresAt),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_, l) =>
              shareLinkState(l) === 'active' && (
                <Popconfirm
                  title={t('certificates.shareRevokeConfirm')}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    revoke.mutate(l.id, {
                      onSuccess: () => void message.success(t('certificates.shareRevokedOk')),
                      onError: (err) => void message.error(errorText(err)),
                    })
                  }
                >
                  <Button size="small" danger data-testid={`share-revoke-${l.id}`}>
                    {t('certificates.shareRevoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Modal>
  );
}
