import { REPORT_DUTY_STATUSES, REPORT_DUTY_STATUS_LABELS, type ReportDutyDto, type ReportDutyStatus } from '@onex/shared';
import { Alert, Card, Checkbox, Form, Select, Space, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { FilterActions } from '../../../components/FilterActions';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { type DutyQuery, useReportDuties, useReportTypes } from '../api';
import '../locales';
import { PilotFlags } from './PilotFlags';

const STATUS_COLORS: Record<ReportDutyStatus, string> = {
  pending: 'default',
  submitted: 'processing',
  accepted: 'success',
  returned: 'warning',
};

interface FilterValues {
  reportTypeId?: string;
  status?: ReportDutyStatus;
  missed?: boolean;
}

export function DutyStatus({ d }: { d: Pick<ReportDutyDto, 'status' | 'late' | 'missed'> }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[d.status]} data-testid="duty-status">
        {pickLabel(REPORT_DUTY_STATUS_LABELS, d.status, lang)}
      </Tag>
      {d.late && <Tag color="orange">{t('sup.late')}</Tag>}
      {d.missed && <Tag color="red">{t('sup.missed')}</Tag>}
    </Space>
  );
}

/**
 * 报送 (R8.1): the reporter's duties (`mode="reporter"`: department, project leader or school, as the report type
 * says), or the reviewer's queue (`mode="reviewer"`: the province and the national administrator) with the late and
 * missed counts and the pilots flagged after consecutive missed reports (001 §十九(一)).
 */
export function ReportDutiesPage({ mode }: { mode: 'reporter' | 'reviewer' }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<DutyQuery>({ page: 1, pageSize: 20, ...(mode === 'reviewer' ? { status: 'submitted' } : {}) });
  const duties = useReportDuties(query);
  const types = useReportTypes();
  const count = (q: Partial<DutyQuery>) => ({ page: 1, pageSize: 1, ...q });
  const missedOnes = useReportDuties(count({ missed: true }));
  const lateOnes = useReportDuties(count({ late: true }));
  const toReview = useReportDuties(count({ status: 'submitted' }));

  const apply = (v: FilterValues) =>
    setQuery((q) => ({ page: 1, pageSize: q.pageSize, reportTypeId: v.reportTypeId, status: v.status, missed: v.missed || undefined }));

  const columns: TableProps<ReportDutyDto>['columns'] = [
    { title: t('sup.reportType'), dataIndex: 'reportTypeName', key: 'type', ellipsis: true },
    ...(mode === 'reviewer'
      ? [
          { title: t('sup.school'), dataIndex: 'schoolName', key: 'school', ellipsis: true },
          { title: t('sup.department'), dataIndex: 'departmentName', key: 'department', ellipsis: true },
        ]
      : [{ title: t('sup.certificate'), dataIndex: 'certificateTypeName', key: 'cert', ellipsis: true }]),
    { title: t('sup.period'), key: 'period', width: 200, render: (_, d) => `${d.periodStart} — ${d.periodEnd}` },
    { title: t('sup.dueDate'), dataIndex: 'dueDate', key: 'due', className: 'col-nowrap', width: 110 },
    { title: t('sup.status'), key: 'status', width: 180, render: (_, d) => <DutyStatus d={d} /> },
    {
      title: t('sup.submittedAt'),
      dataIndex: 'submittedAt',
      key: 'at',
      className: 'col-nowrap',
      width: 160,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'open',
      width: 80,
      render: (_, d) => (
        <Link to={`/supervision/reports/${d.id}`} data-testid={`duty-open-${d.id}`}>
          {d.allowedActions.includes('submit') ? t('sup.fill') : t('sup.open')}
        </Link>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{mode === 'reviewer' ? t('sup.reviewTitle') : t('sup.dutiesTitle')}</Typography.Title>
          <ExportButton path="/report-duties" query={query} />
        </div>
        <Typography.Paragraph type="secondary">{mode === 'reviewer' ? t('sup.reviewHint') : t('sup.dutiesHint')}</Typography.Paragraph>
        <Space size="large" style={{ marginBottom: 16 }}>
          <Statistic title={t('sup.submittedCount')} value={toReview.data?.total ?? 0} />
          <Statistic title={t('sup.lateCount')} value={lateOnes.data?.total ?? 0} valueStyle={{ color: '#d46b08' }} />
          <Statistic title={t('sup.missedCount')} value={missedOnes.data?.total ?? 0} valueStyle={{ color: '#cf1322' }} />
        </Space>
        <Form<FilterValues>
          form={form}
          layout="inline"
          onFinish={apply}
          className="filter-bar"
          style={{ rowGap: 12 }}
          initialValues={{ status: query.status }}
        >
          <Form.Item name="reportTypeId" style={{ marginInlineEnd: 0 }}>
            <Select
              allowClear
              style={{ width: 240 }}
              placeholder={t('sup.reportType')}
              options={(types.data ?? []).map((ty) => ({ value: ty.id, label: ty.name }))}
            />
          </Form.Item>
          <Form.Item name="status" style={{ marginInlineEnd: 0 }}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('sup.status')}
              data-testid="duty-status-filter"
              options={REPORT_DUTY_STATUSES.map((s) => ({ value: s, label: pickLabel(REPORT_DUTY_STATUS_LABELS, s, lang) }))}
            />
          </Form.Item>
          <Form.Item name="missed" valuePropName="checked" style={{ marginInlineEnd: 0 }}>
            <Checkbox>{t('sup.onlyMissed')}</Checkbox>
          </Form.Item>
          <FilterActions
            onReset={() => {
              form.resetFields();
              form.setFieldsValue({ status: undefined });
              apply({});
            }}
            onRefresh={() => void duties.refetch()}
          />
        </Form>
        {duties.isError && <Alert type="error" showIcon title={errorText(duties.error)} style={{ marginBottom: 16 }} />}
        <Table<ReportDutyDto>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={duties.data?.items ?? []}
          loading={duties.isFetching}
          scroll={{ x: 1000 }}
          data-testid="duties-table"
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: duties.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
        />
      </Card>
      {mode === 'reviewer' && <PilotFlags />}
    </Space>
  );
}
