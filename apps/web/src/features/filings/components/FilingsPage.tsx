import { FILING_STATUSES, FILING_STATUS_LABELS, SCHOOL_TYPE_LABELS, type FilingStatus, type FilingSummaryDto } from '@onex/shared';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUser } from '../../../lib/session';
import { useRegions } from '../../../lib/regions';
import { api } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useQuery } from '@tanstack/react-query';
import { levelLabel } from '../../../lib/catalog';
import { useFilings, useRounds, type FilingListQuery } from '../api';
import { FilingStatusTag, RoundCountdown, roundTypeLabel } from './bits';
import { NewFilingModal } from './NewFilingModal';
import { ExportButton } from '../../../components/ExportButton';

/** Who looks at the list: the school side, the city's first review, an expert, the province, the national office. */
export type FilingsMode = 'school' | 'municipal' | 'expert' | 'province' | 'national';

const TITLES: Record<FilingsMode, string> = {
  school: 'filings.titleSchool',
  municipal: 'filings.titleMunicipal',
  expert: 'filings.titleExpert',
  province: 'filings.titleProvince',
  national: 'filings.titleNational',
};

/** Every certificate of the public catalog, for the certificate filter. */
function useCertificateOptions() {
  return useQuery({
    queryKey: ['catalog', 'public', 'all-for-filings'],
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/public/certificate-types', { page: 1, pageSize: 200 }),
    staleTime: 5 * 60_000,
    select: (d) => d.items.map((i) => ({ value: i.id, label: i.name })),
  });
}

export function FilingsPage({ mode }: { mode: FilingsMode }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const user = useUser();
  const errorText = useErrorText();
  const [query, setQuery] = useState<FilingListQuery>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const filings = useFilings(query);
  const rounds = useRounds({ page: 1, pageSize: 100 });
  const certificates = useCertificateOptions();
  const reviewer = mode === 'province' || mode === 'national';
  const schools = useQuery({
    queryKey: ['schools', 'list', 'for-filings'],
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/schools', { page: 1, pageSize: 200 }),
    enabled: reviewer,
    staleTime: 60_000,
  });
  const cities = useRegions(user.scope.provinceCode, reviewer && Boolean(user.scope.provinceCode));

  const openRounds = (rounds.data?.items ?? []).filter((r) => r.status === 'open');
  const set = (patch: Partial<FilingListQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));
  const canCreate = mode === 'school' && (user.role === 'school_admin' || user.role === 'department_admin');

  const actionLabel = (f: FilingSummaryDto) => {
    if (f.allowedActions.includes('edit')) return t('filings.fill');
    if (f.allowedActions.includes('expert_score')) return t('filings.score');
    if (f.allowedActions.some((a) => a !== 'uploadAttachment')) return t('filings.review');
    return t('filings.view');
  };

  const columns: TableProps<FilingSummaryDto>['columns'] = [
    {
      title: t('filings.certificate'),
      key: 'certificate',
      render: (_, f) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/filings/${f.id}`} data-testid="filing-link">
            {f.certificateTypeName}
          </Link>
          <Space size={2} wrap>
            {f.levels.map((l) => (
              <Tag key={l} color="blue">
                {levelLabel(l, lang)}
              </Tag>
            ))}
          </Space>
        </Space>
      ),
    },
    ...(mode === 'school'
      ? []
      : [
          {
            title: t('filings.school'),
            key: 'school',
            render: (_: unknown, f: FilingSummaryDto) => (
              <Space orientation="vertical" size={0}>
                <span>{f.schoolName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {pickLabel(SCHOOL_TYPE_LABELS, f.schoolType, lang)}
                </Typography.Text>
              </Space>
            ),
          },
        ]),
    { title: t('filings.department'), dataIndex: 'departmentName', key: 'department' },
    { title: t('filings.round'), dataIndex: 'roundName', key: 'round', responsive: ['lg'] },
    { title: t('filings.majorCount'), dataIndex: 'majorCount', key: 'majors', width: 80, align: 'right' },
    { title: t('filings.plannedTrainees'), dataIndex: 'plannedTrainees', key: 'trainees', width: 110, align: 'right' },
    {
      title: t('filings.status'),
      key: 'status',
      width: 140,
      render: (_, f) => <FilingStatusTag status={f.status} decision={f.decision} />,
    },
    {
      title: t('filings.submittedAt'),
      key: 'submittedAt',
      className: 'col-nowrap',
      width: 170,
      render: (_, f) => formatDateTime(f.submittedAt),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, f) => <Link to={`/filings/${f.id}`}>{actionLabel(f)}</Link>,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="filings-title">
        {t(TITLES[mode])}
      </Typography.Title>
      {mode === 'municipal' && <Alert type="info" showIcon title={t('filings.municipalHint')} />}
      {mode === 'expert' && <Alert type="info" showIcon title={t('filings.expertHint')} />}
      {mode === 'school' && (
        <Card size="small" title={t('filings.openRounds')} data-testid="open-rounds">
          {openRounds.length ? (
            <List
              dataSource={openRounds}
              renderItem={(r) => (
                <List.Item
                  extra={
                    canCreate && r.acceptingSubmissions ? (
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-filing">
                        {t('filings.newFiling')}
                      </Button>
                    ) : null
                  }
                >
                  <Space orientation="vertical" size={2}>
                    <Space wrap>
                      <Typography.Text strong>{r.name}</Typography.Text>
                      <Tag>{roundTypeLabel(r.type, lang)}</Tag>
                    </Space>
                    <RoundCountdown round={r} />
                  </Space>
                </List.Item>
              )}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('filings.noOpenRound')} />
          )}
        </Card>
      )}
      <Space wrap>
        <Select
          allowClear
          placeholder={t('filings.allStatuses')}
          style={{ width: 170 }}
          value={query.status}
          onChange={(v?: FilingStatus) => set({ status: v })}
          options={FILING_STATUSES.map((s) => ({ value: s, label: pickLabel(FILING_STATUS_LABELS, s, lang) }))}
          data-testid="filter-status"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('filings.allCertificates')}
          style={{ width: 220 }}
          value={query.certificateTypeId}
          onChange={(v?: string) => set({ certificateTypeId: v })}
          options={certificates.data ?? []}
        />
        <Select
          allowClear
          placeholder={t('filings.allRounds')}
          style={{ width: 260 }}
          value={query.roundId}
          onChange={(v?: string) => set({ roundId: v })}
          options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
        />
        {reviewer && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filings.allSchools')}
            style={{ width: 220 }}
            value={query.schoolId}
            onChange={(v?: string) => set({ schoolId: v })}
            options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        )}
        {reviewer && user.scope.provinceCode && (
          <Select
            allowClear
            placeholder={t('filings.allCities')}
            style={{ width: 150 }}
            value={query.cityCode}
            onChange={(v?: string) => set({ cityCode: v })}
            options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          />
        )}
        <ExportButton path="/filings" query={query} />
      </Space>
      {filings.error ? <Alert type="error" showIcon title={errorText(filings.error)} /> : null}
      <Table<FilingSummaryDto>
        rowKey="id"
        loading={filings.isFetching}
        columns={columns}
        dataSource={filings.data?.items ?? []}
        locale={{ emptyText: t('filings.noFilings') }}
        scroll={{ x: 1000 }}
        data-testid="filings-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: filings.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
      />
      {canCreate && (
        <NewFilingModal open={creating} onClose={() => setCreating(false)} rounds={openRounds.filter((r) => r.acceptingSubmissions)} />
      )}
    </Space>
  );
}
