import type { PublicDrawDto, PublicInspectionResultDto } from '@onex/shared';
import { Alert, Card, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import { usePublicDraws, usePublicInspectionResults } from '../api';
import '../locales-inspections';
import { DrawDescription } from './DrawViews';

/** 双随机一公开 (R8.4, api-v1 public): published draws and their results, and published inspection results, no account. */
export function PublicDrawsPage() {
  const { t } = useTranslation();
  return (
    <Card>
      <Typography.Title level={3}>{t('publicDraws.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('publicDraws.intro')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'draws', label: t('draws.title'), children: <DrawsList /> },
          { key: 'results', label: t('inspections.result'), children: <ResultsList /> },
        ]}
      />
    </Card>
  );
}

function DrawsList() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [q, setQ] = useState({ page: 1, pageSize: 10 });
  const draws = usePublicDraws(q.page, q.pageSize);
  const columns: TableProps<PublicDrawDto>['columns'] = [
    { title: t('draws.name'), dataIndex: 'title', key: 'title' },
    {
      title: t('draws.drawnAt'),
      dataIndex: 'drawnAt',
      key: 'at',
      className: 'col-nowrap',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    { title: t('draws.selected'), key: 'selected', render: (_, d) => d.selected.map((s) => <Tag key={s.id}>{s.name}</Tag>) },
    { title: t('draws.inspectors'), key: 'inspectors', render: (_, d) => d.inspectors.map((i) => i.name).join('、') },
    {
      title: t('draws.result'),
      key: 'result',
      render: (_, d) => d.result ?? <Typography.Text type="secondary">{t('draws.noResult')}</Typography.Text>,
    },
  ];
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
        <ExportButton path="/public/inspection-draws" />
      </div>
      {draws.isError && <Alert type="error" showIcon title={errorText(draws.error)} style={{ marginBottom: 16 }} />}
      <Table<PublicDrawDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={draws.data?.items ?? []}
        loading={draws.isFetching}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('publicDraws.empty') }}
        data-testid="public-draws"
        expandable={{ expandedRowRender: (d) => <DrawDescription draw={d} /> }}
        pagination={{
          current: q.page,
          pageSize: q.pageSize,
          total: draws.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQ({ page, pageSize }),
        }}
      />
    </>
  );
}

function ResultsList() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [q, setQ] = useState({ page: 1, pageSize: 10 });
  const results = usePublicInspectionResults(q.page, q.pageSize);
  const columns: TableProps<PublicInspectionResultDto>['columns'] = [
    { title: t('inspections.name'), dataIndex: 'title', key: 'title' },
    { title: t('inspections.school'), dataIndex: 'schoolName', key: 'school' },
    { title: t('inspections.certificate'), dataIndex: 'certificateTypeName', key: 'cert' },
    { title: t('inspections.plannedOn'), dataIndex: 'plannedOn', key: 'plannedOn', width: 110 },
    { title: t('inspections.result'), dataIndex: 'result', key: 'result' },
    {
      title: t('inspections.published'),
      dataIndex: 'publishedAt',
      key: 'at',
      className: 'col-nowrap',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
  ];
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
        <ExportButton path="/public/inspection-results" />
      </div>
      {results.isError && <Alert type="error" showIcon title={errorText(results.error)} style={{ marginBottom: 16 }} />}
      <Table<PublicInspectionResultDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={results.data?.items ?? []}
        loading={results.isFetching}
        scroll={{ x: 800 }}
        data-testid="public-inspection-results"
        pagination={{
          current: q.page,
          pageSize: q.pageSize,
          total: results.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQ({ page, pageSize }),
        }}
      />
    </>
  );
}
