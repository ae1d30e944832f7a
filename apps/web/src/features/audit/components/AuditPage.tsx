import type { AuditEntryDto } from '@onex/shared';
import { Alert, AutoComplete, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compactJson, formatDateTime } from '../../../lib/format';
import { roleLabel, useLang } from '../../../lib/i18n';
import { useErrorText } from '../../../lib/useErrorText';
import { ExportButton } from '../../../components/ExportButton';
import { FilterActions } from '../../../components/FilterActions';
import { useAuditLog, type AuditQuery } from '../api';

interface FilterValues {
  action?: string;
  actor?: string;
  targetType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function AuditPage() {
  const { t } = useTranslation();
  const { lang, messages } = useLang();
  const errorText = useErrorText();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const audit = useAuditLog(query);
  const queryClient = useQueryClient();

  const actionLabels = messages.audit.actions as Record<string, string | undefined>;
  const groupLabels = messages.audit.actionGroups as Record<string, string | undefined>;
  const targetLabels = messages.audit.targetTypes as Record<string, string | undefined>;

  const actionOptions = [
    ...Object.entries(groupLabels).map(([value, label]) => ({ value, label: `${value}*  ${label ?? ''}` })),
    ...Object.entries(actionLabels).map(([value, label]) => ({ value, label: `${value}  ${label ?? ''}` })),
  ];

  const apply = (v: FilterValues) => {
    const [from, to] = v.range ?? [];
    setQuery((q) => ({
      page: 1,
      pageSize: q.pageSize,
      action: v.action?.trim() || undefined,
      actor: v.actor?.trim() || undefined,
      targetType: v.targetType || undefined,
      from: from ? from.format('YYYY-MM-DD') : undefined,
      to: to ? to.format('YYYY-MM-DD') : undefined,
    }));
    // Searching again with the same filters still fetches fresh entries.
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };

  const columns: TableProps<AuditEntryDto>['columns'] = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 104,
      render: (v: string) => {
        const [date, time] = formatDateTime(v).split(' ');
        return (
          <Space orientation="vertical" size={0} style={{ whiteSpace: 'nowrap' }}>
            <span>{date}</span>
            <Typography.Text type="secondary">{time}</Typography.Text>
          </Space>
        );
      },
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      key: 'actor',
      width: 110,
      ellipsis: true,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.actorRole'),
      dataIndex: 'actorRole',
      key: 'actorRole',
      width: 110,
      render: (v: string | null) => (v ? roleLabel(v, lang) : t('common.none')),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 136,
      render: (v: string) => (
        <Space orientation="vertical" size={0}>
          <span>{actionLabels[v] ?? v}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
            {v}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      width: 100,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <Tag>{targetLabels[e.targetType] ?? e.targetType}</Tag>
          {e.targetId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: e.targetId }} ellipsis={{ tooltip: e.targetId }}>
              {e.targetId.slice(0, 8)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('audit.summary'),
      dataIndex: 'summary',
      key: 'summary',
      render: (s: Record<string, unknown>) => {
        const text = compactJson(s);
        if (!text || text === '{}') return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
        return (
          <Typography.Paragraph
            className="audit-summary"
            style={{
              marginBottom: 0,
              fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
              fontSize: 12,
              wordBreak: 'break-all',
            }}
            ellipsis={{
              rows: 2,
              expandable: 'collapsible',
              symbol: (expanded: boolean) => (expanded ? t('common.collapse') : t('common.expand')),
            }}
          >
            {text}
          </Typography.Paragraph>
        );
      },
    },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      key: 'requestId',
      width: 100,
      render: (v: string | null) =>
        v ? (
          <Typography.Text style={{ fontSize: 12 }} copyable={{ text: v }} ellipsis={{ tooltip: v }}>
            {v.length > 10 ? `${v.slice(0, 8)}…` : v}
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('audit.clientIp'),
      dataIndex: 'clientIp',
      key: 'clientIp',
      width: 112,
      ellipsis: true,
      render: (v: string | null) => v ?? t('common.none'),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('audit.title')}</Typography.Title>
        <ExportButton path="/audit-log" query={query} />
      </div>
      <Form<FilterValues> form={form} layout="inline" onFinish={apply} className="filter-bar" style={{ rowGap: 12 }}>
        <Form.Item name="action" style={{ marginInlineEnd: 0 }}>
          <AutoComplete
            allowClear
            style={{ width: 210 }}
            options={actionOptions}
            placeholder={t('audit.actionPlaceholder')}
            filterOption={(input, option) => String(option?.value ?? '').startsWith(input) || String(option?.label ?? '').includes(input)}
            data-testid="audit-action"
          />
        </Form.Item>
        <Form.Item name="actor" style={{ marginInlineEnd: 0 }}>
          <Input allowClear style={{ width: 130 }} placeholder={t('audit.actorPlaceholder')} data-testid="audit-actor" />
        </Form.Item>
        <Form.Item name="targetType" style={{ marginInlineEnd: 0 }}>
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('audit.targetTypePlaceholder')}
            options={Object.entries(targetLabels).map(([value, label]) => ({ value, label: label ?? value }))}
            data-testid="audit-target-type"
          />
        </Form.Item>
        <Form.Item name="range" style={{ marginInlineEnd: 0 }}>
          <DatePicker.RangePicker
            style={{ width: 250 }}
            allowEmpty={[true, true]}
            placeholder={[t('audit.startDate'), t('audit.endDate')]}
          />
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.resetFields();
            apply({});
          }}
          onRefresh={() => void audit.refetch()}
        />
      </Form>
      {audit.isError && <Alert type="error" showIcon title={errorText(audit.error)} style={{ marginBottom: 16 }} />}
      <Table<AuditEntryDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={audit.data?.items ?? []}
        loading={audit.isFetching}
        scroll={{ x: 960 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
      />
    </Card>
  );
}
