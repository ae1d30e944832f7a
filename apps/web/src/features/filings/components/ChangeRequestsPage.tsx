import type { ChangeRequestDto } from '@onex/shared';
import { Alert, Segmented, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import { useChangeRequests } from '../api';
import { CHANGE_QUEUE_FILTERS, queueStatusParam, toQueueFilter, type ChangeQueueFilter } from '../change-helpers';
import { ChangeSectionTags, ChangeStatusTag } from './ChangeRequests';
import { ExportButton } from '../../../components/ExportButton';

const FILTER_LABELS: Record<ChangeQueueFilter, string> = {
  pending: 'changes.filterPending',
  recorded: 'changes.filterRecorded',
  refused: 'changes.filterRefused',
  all: 'changes.filterAll',
};

/** The province's queue of change requests (R3.7): pending first by default, each linking to its filing. */
export function ChangeRequestsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const filter = toQueueFilter(params.get('status'));
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useChangeRequests({ ...page, status: queueStatusParam(filter) });

  const setFilter = (f: ChangeQueueFilter) => {
    setPage((p) => ({ ...p, page: 1 }));
    setParams(f === 'pending' ? {} : { status: f }, { replace: true });
  };

  const columns: TableProps<ChangeRequestDto>['columns'] = [
    {
      title: `${t('changes.certificate')} / ${t('changes.school')}`,
      key: 'certificate',
      width: 230,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/filings/${r.filingId}`} data-testid="change-filing-link">
            {r.certificateTypeName}
          </Link>
          <span>{r.schoolName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('changes.filingYear')} {r.filingYear}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('changes.sections'), key: 'sections', width: 190, render: (_, r) => <ChangeSectionTags request={r} /> },
    {
      title: t('changes.reason'),
      dataIndex: 'reason',
      key: 'reason',
      width: 250,
      render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 3, tooltip: v }} style={{ margin: 0 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('changes.requestedAt'),
      key: 'at',
      width: 170,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(r.requestedAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.requestedBy ?? ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('changes.status'),
      key: 'status',
      width: 130,
      render: (_, r) => (
        <Space orientation="vertical" size={4}>
          <ChangeStatusTag status={r.status} />
          <Link to={`/filings/${r.filingId}`} data-testid="change-open">
            {r.allowedActions.length ? t('changes.open') : t('changes.openFiling')}
          </Link>
        </Space>
      ),
    },
    {
      title: t('changes.decision'),
      key: 'decision',
      width: 200,
      render: (_, r) =>
        r.decidedAt ? (
          <Space orientation="vertical" size={0}>
            {r.decisionComment && <span style={{ whiteSpace: 'pre-wrap' }}>{r.decisionComment}</span>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[r.decidedBy, formatDateTime(r.decidedAt)].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="change-queue-title">
        {t('changes.queueTitle')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('changes.queueHint')} />
      <Segmented<ChangeQueueFilter>
        value={filter}
        onChange={setFilter}
        options={CHANGE_QUEUE_FILTERS.map((f) => ({ value: f, label: t(FILTER_LABELS[f] as never) }))}
        data-testid="change-queue-filter"
      />
      <div>
        <ExportButton path="/filing-change-requests" query={{ status: queueStatusParam(filter) }} />
      </div>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      <Table<ChangeRequestDto>
        rowKey="id"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('changes.none') }}
        scroll={{ x: 1170 }}
        data-testid="change-queue-table"
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
      />
    </Space>
  );
}
