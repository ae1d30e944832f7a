import { ReloadOutlined } from '@ant-design/icons';
import { CERTIFICATE_LEVELS, EXAM_FORM_LABELS, type CertificateLevel, type LevelDto } from '@onex/shared';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLang } from '../../../lib/i18n';
import { formatFen, formatShare, pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useBatches, usePublicCatalog, usePublicOrganizations, type CatalogFilter, type PublicItem } from '../api';
import { AsAnnounced, CertificateStatusTag, levelLabel } from './bits';
import { ExportButton } from '../../../components/ExportButton';

/** One level as one line: `初级 机考 40% + 特殊要求实训设备实操 60% 上限 ¥540.00 合格 60`. */
export function LevelLine({ level, unconfirmed = false }: { level: LevelDto; unconfirmed?: boolean }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <div className="level-line" data-testid={`level-${level.level}`}>
      <Tag color="blue" style={{ marginInlineEnd: 6 }}>
        {levelLabel(level.level, lang)}
      </Tag>
      {unconfirmed ? (
        <AsAnnounced />
      ) : (
        <span>{level.examForms.map((f) => `${pickLabel(EXAM_FORM_LABELS, f.form, lang)} ${formatShare(f.share)}`).join(' + ')}</span>
      )}
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, marginInlineEnd: 4 }}>
        {t('catalog.capShort')}
      </Typography.Text>
      <Typography.Text strong data-testid="fee-cap">
        {formatFen(level.feeCapFen)}
      </Typography.Text>
      {level.passMark !== undefined && !unconfirmed && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          {t('catalog.passMarkShort', { mark: level.passMark })}
        </Typography.Text>
      )}
    </div>
  );
}

export function PublicCatalogPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<CatalogFilter>({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const [major, setMajor] = useState('');
  const list = usePublicCatalog(filter);
  const orgs = usePublicOrganizations();
  const batches = useBatches();
  const set = (patch: Partial<CatalogFilter>) => setFilter((f) => ({ ...f, ...patch, page: 1 }));

  const columns: TableProps<PublicItem>['columns'] = [
    {
      title: t('catalog.name'),
      key: 'name',
      width: 230,
      render: (_, c) => (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <Link to={`/catalog/${c.id}`} data-testid="catalog-item-link">
              <Typography.Text strong style={{ color: 'inherit' }}>
                {c.name}
              </Typography.Text>
            </Link>
            {c.status !== 'published' && <CertificateStatusTag status={c.status} />}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('catalog.organization'),
      key: 'org',
      width: 200,
      render: (_, c) => (c.organizationToBeConfirmed ? <AsAnnounced /> : c.organization.name),
    },
    { title: t('catalog.batch'), dataIndex: 'batch', key: 'batch', width: 90 },
    {
      title: t('catalog.levelsAndCaps'),
      key: 'levels',
      render: (_, c) =>
        c.levels.length ? (
          c.levels.map((l) => <LevelLine key={l.level} level={l} unconfirmed={c.detailsToBeConfirmed} />)
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      title: t('catalog.majors'),
      key: 'majors',
      width: 220,
      render: (_, c) => (
        <Tooltip title={c.majors.map((m) => (m.code ? `${m.code} ${m.name}` : m.name)).join('、')}>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
            {c.majors.map((m) => m.name).join('、') || t('common.none')}
          </Typography.Paragraph>
        </Tooltip>
      ),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('catalog.title')}</Typography.Title>
        <ExportButton path="/public/certificate-types" query={filter} />
      </div>
      <Typography.Paragraph type="secondary">{t('catalog.intro')}</Typography.Paragraph>
      <div className="filter-bar">
        <Input.Search
          allowClear
          style={{ width: 240 }}
          placeholder={t('catalog.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          enterButton={t('common.search')}
          data-testid="catalog-search"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 240 }}
          placeholder={t('catalog.allOrganizations')}
          value={filter.orgId}
          onChange={(orgId?: string) => set({ orgId })}
          options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          data-testid="catalog-org-filter"
        />
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('catalog.allBatches')}
          value={filter.batch}
          onChange={(batch?: string) => set({ batch })}
          options={(batches.data ?? []).map((b) => ({ value: b.code, label: b.name }))}
          data-testid="catalog-batch-filter"
        />
        <Select<CertificateLevel>
          allowClear
          style={{ width: 120 }}
          placeholder={t('catalog.allLevels')}
          value={filter.level}
          onChange={(level) => set({ level })}
          options={CERTIFICATE_LEVELS.map((l) => ({ value: l, label: levelLabel(l, lang) }))}
          data-testid="catalog-level-filter"
        />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('catalog.majorPlaceholder')}
          value={major}
          onChange={(e) => setMajor(e.target.value)}
          onSearch={(v) => set({ major: v.trim() || undefined })}
          data-testid="catalog-major-filter"
        />
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />
        </Tooltip>
      </div>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<PublicItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        data-testid="catalog-table"
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page: pageSize !== f.pageSize ? 1 : page, pageSize })),
        }}
      />
    </Card>
  );
}
