import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_LEVEL_LABELS,
  COMPLAINT_STATUSES,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_VERDICT_LABELS,
  type ComplaintCategory,
  type ComplaintDto,
  type ComplaintStatus,
} from '@onex/shared';
import { Alert, Card, Form, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { FilterActions } from '../../../components/FilterActions';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { type ComplaintListQuery, useComplaints } from '../api';
import '../locales';

interface FilterValues {
  status?: ComplaintStatus;
  category?: ComplaintCategory;
  overdue?: 'true' | 'false';
  q?: string;
}

export const STATUS_COLORS: Record<ComplaintStatus, string> = {
  received: 'blue',
  in_progress: 'processing',
  replied: 'cyan',
  closed: 'default',
};

/** 投诉处理 (R8.5): the complaints the actor's level handles, with filters; overdue and escalated ones stand out. */
export function ComplaintsAdminPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<ComplaintListQuery>({ page: 1, pageSize: 20 });
  const list = useComplaints(query);

  const apply = (v: FilterValues) =>
    setQuery((q) => ({
      page: 1,
      pageSize: q.pageSize,
      status: v.status,
      category: v.category,
      overdue: v.overdue === undefined ? undefined : v.overdue === 'true',
      q: v.q?.trim() || undefined,
    }));

  const columns: TableProps<ComplaintDto>['columns'] = [
    {
      title: t('sup.code'),
      dataIndex: 'trackingCode',
      key: 'code',
      width: 190,
      render: (v: string, c) => (
        <Link to={`/complaints/${c.id}`} data-testid={`complaint-open-${c.id}`}>
          <Typography.Text code>{v}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('sup.category'),
      dataIndex: 'category',
      key: 'category',
      width: 150,
      render: (v: ComplaintCategory) => pickLabel(COMPLAINT_CATEGORY_LABELS, v, lang),
    },
    { title: t('sup.subject'), dataIndex: 'subjectName', key: 'subject', ellipsis: true },
    {
      title: t('sup.status'),
      key: 'status',
      width: 200,
      render: (_, c) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLORS[c.status]}>{pickLabel(COMPLAINT_STATUS_LABELS, c.status, lang)}</Tag>
          {c.verdict && <Tag>{pickLabel(COMPLAINT_VERDICT_LABELS, c.verdict, lang)}</Tag>}
          {c.overdue && <Tag color="red">{t('sup.overdueYes')}</Tag>}
          {c.escalations > 0 && <Tag color="volcano">{t('sup.escalated', { count: c.escalations })}</Tag>}
        </Space>
      ),
    },
    {
      title: t('sup.handlerLevel'),
      dataIndex: 'level',
      key: 'level',
      width: 90,
      render: (v: ComplaintDto['level']) => pickLabel(COMPLAINT_LEVEL_LABELS, v, lang),
    },
    {
      title: t('sup.filedAt'),
      dataIndex: 'filedAt',
      key: 'filedAt',
      className: 'col-nowrap',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    { title: t('sup.deadline'), dataIndex: 'deadline', key: 'deadline', width: 110 },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('sup.complaintsTitle')}</Typography.Title>
        <ExportButton path="/complaints" query={query} />
      </div>
      <Typography.Paragraph type="secondary">{t('sup.complaintsHint')}</Typography.Paragraph>
      <Form<FilterValues> form={form} layout="inline" onFinish={apply} className="filter-bar" style={{ rowGap: 12 }}>
        <Form.Item name="q" style={{ marginInlineEnd: 0 }}>
          <Input allowClear style={{ width: 200 }} maxLength={50} placeholder={t('sup.search')} />
        </Form.Item>
        <Form.Item name="status" style={{ marginInlineEnd: 0 }}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('sup.status')}
            options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: pickLabel(COMPLAINT_STATUS_LABELS, s, lang) }))}
          />
        </Form.Item>
        <Form.Item name="category" style={{ marginInlineEnd: 0 }}>
          <Select
            allowClear
            style={{ width: 190 }}
            placeholder={t('sup.category')}
            options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: pickLabel(COMPLAINT_CATEGORY_LABELS, c, lang) }))}
          />
        </Form.Item>
        <Form.Item name="overdue" style={{ marginInlineEnd: 0 }}>
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('sup.onlyOverdue')}
            options={[
              { value: 'true', label: t('sup.overdueYes') },
              { value: 'false', label: t('sup.overdueNo') },
            ]}
          />
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.resetFields();
            apply({});
          }}
          onRefresh={() => void list.refetch()}
        />
      </Form>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<ComplaintDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        data-testid="complaints-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
      />
    </Card>
  );
}
