import {
  NOTICE_CATEGORY_LABELS,
  NOTICE_LEVEL_LABELS,
  PUBLICITY_STATUS_LABELS,
  PUBLICITY_SUBJECT_LABELS,
  type PublicNoticeDto,
  type PublicityDto,
} from '@onex/shared';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import { useObject, usePublicNotice, usePublicNotices, usePublicPublicity, usePublicPublicityItem } from '../api';
import '../locales';

const zhOrEn = (l: { zh: string; en: string }, lang: string) => (lang.startsWith('en') ? l.en : l.zh);

/** 政策发布 (R9.1, api-v1 `/public/notices`): public notices and the items on display, no account. */
export function PublicNoticesPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [q, setQ] = useState({ page: 1, pageSize: 10, q: '' });
  const notices = usePublicNotices({ page: q.page, pageSize: q.pageSize, ...(q.q ? { q: q.q } : {}) });
  const columns: TableProps<PublicNoticeDto>['columns'] = [
    { title: t('notices.name'), key: 'title', render: (_, n) => <Link to={`/policies/${n.id}`}>{n.title}</Link> },
    {
      title: t('notices.category'),
      key: 'category',
      width: 120,
      render: (_, n) => <Tag>{zhOrEn(NOTICE_CATEGORY_LABELS[n.category], i18n.language)}</Tag>,
    },
    { title: t('notices.level'), key: 'level', width: 120, render: (_, n) => zhOrEn(NOTICE_LEVEL_LABELS[n.level], i18n.language) },
    { title: t('notices.publishedAt'), key: 'at', width: 170, className: 'col-nowrap', render: (_, n) => formatDateTime(n.publishedAt) },
  ];
  return (
    <Card>
      <Typography.Title level={3}>{t('notices.publicTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('notices.publicIntro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
        <Input.Search allowClear placeholder={t('notices.search')} onSearch={(v) => setQ({ ...q, page: 1, q: v })} style={{ width: 280 }} />
        <Space>
          <Link to="/public-display">{t('publicity.title')}</Link>
          <ExportButton path="/public/notices" query={q.q ? { q: q.q } : {}} />
        </Space>
      </Space>
      {notices.isError && <Alert type="error" showIcon title={errorText(notices.error)} />}
      <Table<PublicNoticeDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={notices.data?.items ?? []}
        loading={notices.isFetching}
        locale={{ emptyText: t('notices.empty') }}
        data-testid="public-notices"
        pagination={{
          current: q.page,
          pageSize: q.pageSize,
          total: notices.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQ({ ...q, page, pageSize }),
        }}
      />
    </Card>
  );
}

export function PublicNoticeDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const n = usePublicNotice(id);
  if (n.isError) return <Alert type="error" showIcon title={errorText(n.error)} />;
  if (!n.data) return <Card loading />;
  const d = n.data;
  return (
    <Card>
      <Link to="/policies">{t('notices.back')}</Link>
      <Typography.Title level={3} data-testid="notice-title">
        {d.title}
      </Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <Tag>{zhOrEn(NOTICE_CATEGORY_LABELS[d.category], i18n.language)}</Tag>
        <Typography.Text type="secondary">
          {d.publisherName} · {formatDateTime(d.publishedAt)}
        </Typography.Text>
      </Space>
      <NoticeBody html={d.bodyHtml} />
      <Attachments items={d.attachments} />
    </Card>
  );
}

/** The body was sanitized by the server (notices.rules `sanitizeNoticeHtml`) before it was stored. */
export function NoticeBody({ html }: { html: string }) {
  return <div className="notice-body" data-testid="notice-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Attachments({ items }: { items: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
      <Descriptions.Item label={t('notices.attachments')}>
        <Space direction="vertical">
          {items.map((a) => (
            <a key={a.id} href={`/api/v1/files/${a.id}`}>
              {a.name}
            </a>
          ))}
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );
}

export function PublicityTable({
  rows,
  loading,
  linkTo,
}: {
  rows: PublicityDto[];
  loading: boolean;
  linkTo: (p: PublicityDto) => string | null;
}) {
  const { t, i18n } = useTranslation();
  const columns: TableProps<PublicityDto>['columns'] = [
    {
      title: t('publicity.subjectType'),
      key: 'type',
      width: 130,
      render: (_, p) => zhOrEn(PUBLICITY_SUBJECT_LABELS[p.subjectType], i18n.language),
    },
    {
      title: t('notices.name'),
      key: 'title',
      render: (_, p) => {
        const to = linkTo(p);
        return to ? <Link to={to}>{p.title}</Link> : p.title;
      },
    },
    { title: t('publicity.startsOn'), dataIndex: 'startsOn', key: 'startsOn', width: 110, className: 'col-nowrap' },
    { title: t('publicity.endsOn'), dataIndex: 'endsOn', key: 'endsOn', width: 110, className: 'col-nowrap' },
    {
      title: t('publicity.status'),
      key: 'status',
      width: 100,
      render: (_, p) => (
        <Tag color={p.status === 'open' ? 'green' : undefined}>{zhOrEn(PUBLICITY_STATUS_LABELS[p.status], i18n.language)}</Tag>
      ),
    },
    { title: t('publicity.objections'), dataIndex: 'objections', key: 'objections', width: 90 },
  ];
  return (
    <Table<PublicityDto>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      locale={{ emptyText: t('publicity.empty') }}
      pagination={false}
      data-testid="publicity-items"
    />
  );
}

export function PublicPublicityPage() {
  const { t } = useTranslation();
  const [q] = useState({ page: 1, pageSize: 50 });
  const list = usePublicPublicity(q);
  return (
    <Card>
      <Typography.Title level={3}>{t('publicity.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('publicity.publicIntro')}</Typography.Paragraph>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
        <ExportButton path="/public/publicity" />
      </div>
      <PublicityTable rows={list.data?.items ?? []} loading={list.isFetching} linkTo={(p) => `/public-display/${p.id}`} />
    </Card>
  );
}

export function PublicPublicityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const item = usePublicPublicityItem(id);
  const object = useObject(id);
  if (item.isError) return <Alert type="error" showIcon title={errorText(item.error)} />;
  if (!item.data) return <Card loading />;
  const p = item.data;
  return (
    <Card>
      <Link to="/public-display">{t('notices.back')}</Link>
      <Typography.Title level={3}>{p.title}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {p.startsOn} — {p.endsOn}
      </Typography.Paragraph>
      {p.note && <Typography.Paragraph>{p.note}</Typography.Paragraph>}
      <Table
        rowKey={(_, i) => String(i)}
        size="small"
        columns={p.columns.map((c) => ({ title: c.label, dataIndex: c.key, key: c.key }))}
        dataSource={p.rows}
        pagination={{ pageSize: 50 }}
      />
      <Typography.Title level={4}>{t('publicity.object')}</Typography.Title>
      {p.status !== 'open' ? (
        <Alert type="info" showIcon title={t('publicity.closed')} />
      ) : object.data ? (
        <Alert type="success" showIcon title={t('publicity.objected', { code: object.data.trackingCode })} />
      ) : (
        <Form
          layout="vertical"
          onFinish={(v: { content: string; contactName?: string; contactPhone?: string }) =>
            object.mutate({
              content: v.content,
              ...(v.contactName ? { contactName: v.contactName } : {}),
              ...(v.contactPhone ? { contactPhone: v.contactPhone } : {}),
            })
          }
        >
          {object.isError && <Alert type="error" showIcon title={errorText(object.error)} style={{ marginBottom: 12 }} />}
          <Form.Item name="content" label={t('publicity.objectionContent')} rules={[{ required: true, min: 10 }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
          <Form.Item name="contactName" label={t('publicity.contactName')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('publicity.contactPhone')}>
            <Input maxLength={20} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={object.isPending}>
            {t('publicity.object')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
