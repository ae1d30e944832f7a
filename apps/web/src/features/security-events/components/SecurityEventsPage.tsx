import { ROLES, SECURITY_EVENT_KINDS, type SecurityEventDto, type SecurityEventKind } from '@onex/shared';
import { Alert, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { roleLabel, useLang } from '../../../lib/i18n';
import { useErrorText } from '../../../lib/useErrorText';
import { FilterActions } from '../../../components/FilterActions';
import { type SecurityEventQuery, useSecurityEvents } from '../api';
import { ExportButton } from '../../../components/ExportButton';

interface FilterValues {
  kind?: SecurityEventKind;
  actor?: string;
  role?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** 安全事件: a signed-in actor's attempts outside its scope (404) and refusals (403), for the national administrator. */
export function SecurityEventsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<SecurityEventQuery>({ page: 1, pageSize: 20 });
  const events = useSecurityEvents(query);

  const apply = (v: FilterValues) => {
    const [from, to] = v.range ?? [];
    setQuery((q) => ({
      page: 1,
      pageSize: q.pageSize,
      kind: v.kind,
      actor: v.actor?.trim() || undefined,
      role: v.role,
      from: from ? from.format('YYYY-MM-DD') : undefined,
      to: to ? to.format('YYYY-MM-DD') : undefined,
    }));
  };

  const columns: TableProps<SecurityEventDto>['columns'] = [
    {
      title: t('securityEvents.at'),
      dataIndex: 'at',
      key: 'at',
      className: 'col-nowrap',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('securityEvents.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 130,
      render: (v: SecurityEventKind) => <Tag color={v === 'forbidden' ? 'orange' : 'red'}>{t(`securityEvents.kinds.${v}`)}</Tag>,
    },
    { title: t('securityEvents.actor'), dataIndex: 'actorUsername', key: 'actor', width: 120, ellipsis: true },
    {
      title: t('securityEvents.role'),
      dataIndex: 'actorRole',
      key: 'role',
      width: 120,
      render: (v: string | null) => (v ? roleLabel(v, lang) : t('common.none')),
    },
    {
      title: t('securityEvents.request'),
      key: 'request',
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text code>
            {e.method} {e.target}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.route} · {e.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('securityEvents.clientIp'),
      dataIndex: 'clientIp',
      key: 'clientIp',
      width: 130,
      render: (v: string | null) => v ?? t('common.none'),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('securityEvents.title')}</Typography.Title>
        <ExportButton path="/security-events" query={query} />
      </div>
      <Typography.Paragraph type="secondary">{t('securityEvents.hint')}</Typography.Paragraph>
      <Form<FilterValues> form={form} layout="inline" onFinish={apply} className="filter-bar" style={{ rowGap: 12 }}>
        <Form.Item name="kind" style={{ marginInlineEnd: 0 }}>
          <Select
            allowClear
            style={{ width: 170 }}
            placeholder={t('securityEvents.kind')}
            options={SECURITY_EVENT_KINDS.map((k) => ({ value: k, label: t(`securityEvents.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="actor" style={{ marginInlineEnd: 0 }}>
          <Input allowClear style={{ width: 140 }} placeholder={t('securityEvents.actor')} />
        </Form.Item>
        <Form.Item name="role" style={{ marginInlineEnd: 0 }}>
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('securityEvents.role')}
            options={ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }))}
          />
        </Form.Item>
        <Form.Item name="range" style={{ marginInlineEnd: 0 }}>
          <DatePicker.RangePicker style={{ width: 250 }} allowEmpty={[true, true]} />
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.resetFields();
            apply({});
          }}
          onRefresh={() => void events.refetch()}
        />
      </Form>
      {events.isError && <Alert type="error" showIcon title={errorText(events.error)} style={{ marginBottom: 16 }} />}
      <Table<SecurityEventDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={events.data?.items ?? []}
        loading={events.isFetching}
        scroll={{ x: 900 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: events.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
      />
    </Card>
  );
}
