import { type AuditEntryDto, auditActionGroups, auditActionLabel, auditTargetLabel } from '@onex/shared';
import { Alert, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canUse, type NavKey } from '../../../app/navigation';
import { useUser } from '../../../lib/session';
import '../locales';
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
  const { lang } = useLang();
  const user = useUser();
  const errorText = useErrorText();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const audit = useAuditLog(query);
  const queryClient = useQueryClient();

  const groups = auditActionGroups(lang);
  // The action filter: one group per object type, its first option every action of the group (the server matches a prefix).
  const actionOptions = groups.map((g) => ({
    label: g.label,
    title: g.group,
    options: [
      { value: `${g.group}.`, label: t('auditPage.allOfGroup', { group: g.label }) },
      ...g.actions.map((a) => ({ value: a.action, label: a.label })),
    ],
  }));
  const targetOptions = [...new Set(groups.map((g) => g.group))].map((value) => ({ value, label: auditTargetLabel(value, lang) }));
  const objectLink = (e: AuditEntryDto) => {
    const target = e.targetId ? TARGET_PAGES[e.targetType] : undefined;
    return target && canUse(user.role, target.nav) ? target.path(e.targetId!) : null;
  };

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
      key: 'actor',
      width: 130,
      render: (_, e) => (
        <Space orientation="vertical" size={0} style={{ width: '100%', minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: e.actorUsername ?? t('audit.system') }} style={{ maxWidth: 114 }}>
            {e.actorUsername ?? t('audit.system')}
          </Typography.Text>
          {e.actorRole && (
            <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 114 }} ellipsis={{ tooltip: roleLabel(e.actorRole, lang) }}>
              {roleLabel(e.actorRole, lang)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 170,
      render: (v: string) => (
        <Tooltip title={v}>
          <Typography.Text strong ellipsis style={{ maxWidth: 154 }} data-testid="audit-action-label">
            {auditActionLabel(v, lang)}
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      width: 130,
      render: (_, e) => {
        const link = objectLink(e);
        return (
          <Space orientation="vertical" size={0} style={{ maxWidth: 114 }}>
            <Tag style={{ maxWidth: 114, overflow: 'hidden', textOverflow: 'ellipsis' }}>{auditTargetLabel(e.targetType, lang)}</Tag>
            {e.targetId &&
              (link ? (
                <Link
                  to={link}
                  title={t('auditPage.openObject', { target: auditTargetLabel(e.targetType, lang) })}
                  style={{ fontSize: 12 }}
                >
                  {e.targetId.slice(0, 8)}
                </Link>
              ) : (
                <Typography.Text
                  type="secondary"
                  style={{ fontSize: 12 }}
                  copyable={{ text: e.targetId }}
                  ellipsis={{ tooltip: e.targetId }}
                >
                  {e.targetId.slice(0, 8)}
                </Typography.Text>
              ))}
          </Space>
        );
      },
    },
    {
      title: t('audit.summary'),
      key: 'summary',
      render: (_, e) => {
        const link = objectLink(e);
        const details = summaryDetails(e.summary, (key, options) => t(key, options ?? {}));
        const full = compactJson(e.summary);
        return (
          <div className="audit-summary" style={{ minWidth: 0 }}>
            <Typography.Text>
              <Typography.Text strong>{e.actorUsername ?? t('audit.system')}</Typography.Text> {auditActionLabel(e.action, lang)}
              {e.targetId && (
                <>
                  {' '}
                  {link ? (
                    <Link to={link}>{auditTargetLabel(e.targetType, lang)}</Link>
                  ) : (
                    <Typography.Text type="secondary">{auditTargetLabel(e.targetType, lang)}</Typography.Text>
                  )}
                </>
              )}
            </Typography.Text>
            {details && (
              <Typography.Paragraph
                type="secondary"
                style={{ marginBottom: 0, fontSize: 12, wordBreak: 'break-all' }}
                ellipsis={{ rows: 2, tooltip: full }}
              >
                {details}
              </Typography.Paragraph>
            )}
          </div>
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
          <Typography.Text style={{ fontSize: 12, maxWidth: 84 }} copyable={{ text: v }} ellipsis={{ tooltip: v }}>
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
      ellipsis: { showTitle: true },
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
          <Select
            allowClear
            showSearch
            style={{ width: 230 }}
            options={actionOptions}
            placeholder={t('auditPage.actionSelect')}
            optionFilterProp="label"
            popupMatchSelectWidth={280}
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
            showSearch
            optionFilterProp="label"
            popupMatchSelectWidth={220}
            options={targetOptions}
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
        tableLayout="fixed"
        scroll={{ x: 1100 }}
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

/** Objects with a page of their own, and the menu item that must be open to the reader for the link to show. */
const TARGET_PAGES: Record<string, { nav: NavKey | readonly NavKey[]; path: (id: string) => string }> = {
  filing: { nav: ['filings', 'municipalReview', 'expertReviews', 'filingReview', 'filingQuery'], path: (id) => `/filings/${id}` },
  exam_session: { nav: ['examSessions', 'examRegistrations'], path: (id) => `/exam-sessions/${id}` },
  school: { nav: 'schools', path: (id) => `/schools/${id}` },
  certificate_type: { nav: 'certificateTypes', path: (id) => `/certificate-types/${id}` },
  evaluation_org: { nav: 'evaluationOrgs', path: (id) => `/evaluation-orgs/${id}` },
  learning_account: { nav: 'learningAccounts', path: (id) => `/learning-accounts/${id}` },
};

/** The summary's plain facts as "名称：值；…" (nested values shortened); the whole JSON is the tooltip. */
function summaryDetails(summary: Record<string, unknown>, t: (key: string, options?: Record<string, unknown>) => string): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(summary)) {
    if (v === null || v === undefined || v === '') continue;
    const value = Array.isArray(v)
      ? v.length > 3
        ? t('auditPage.items', { count: v.length })
        : v.map((x) => (typeof x === 'object' ? compactJson(x) : String(x))).join('、')
      : typeof v === 'object'
        ? compactJson(v)
        : String(v);
    parts.push(t('auditPage.pair', { key: t(`auditPage.keys.${k}`, { defaultValue: k }), value }));
  }
  return parts.join(t('auditPage.joiner'));
}
