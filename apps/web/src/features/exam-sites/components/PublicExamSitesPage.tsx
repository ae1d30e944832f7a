import { CERTIFICATE_LEVEL_LABELS, CERTIFICATE_LEVELS, type CertificateLevel, type PublicExamSiteDto } from '@onex/shared';
import { Alert, Card, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { type PublicSiteQuery, useCatalogTypes, usePublicSites, useRegions } from '../api';
import '../locales';

/**
 * 考核站点名录 (issue 17 item 8; R5.1, 000 §三(四)): every organization's approved exam sites, without an account — the
 * site's name, region, organization, certificate and levels, capacity and host; never a person's data.
 */
export function PublicExamSitesPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [query, setQuery] = useState<PublicSiteQuery>({ page: 1, pageSize: 20 });
  const list = usePublicSites(query);
  const provinces = useRegions(undefined);
  const cities = useRegions(query.provinceCode, Boolean(query.provinceCode));
  const types = useCatalogTypes();
  const orgs = useMemo(() => {
    const map = new Map<string, string>();
    for (const x of types.data ?? []) map.set(x.organization.id, x.organization.name);
    return [...map].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [types.data]);
  const set = (patch: Partial<PublicSiteQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  const columns: TableProps<PublicExamSiteDto>['columns'] = [
    {
      title: t('siteRegister.name'),
      key: 'name',
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <span>{s.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.address}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('siteRegister.region'), key: 'region', width: 150, render: (_, s) => `${s.provinceName} ${s.cityName}` },
    { title: t('siteRegister.organization'), key: 'org', render: (_, s) => s.organization.name },
    { title: t('siteRegister.certificate'), key: 'ct', render: (_, s) => s.certificateType.name },
    {
      title: t('siteRegister.levels'),
      key: 'levels',
      width: 170,
      render: (_, s) => (
        <Space size={2} wrap>
          {s.levels.map((l) => (
            <Tag key={l}>{pickLabel(CERTIFICATE_LEVEL_LABELS, l, lang)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('siteRegister.capacity'), dataIndex: 'capacity', key: 'cap', width: 100, align: 'right' },
    {
      title: t('siteRegister.host'),
      key: 'host',
      width: 200,
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <span>{s.hostSchool?.name ?? t('siteRegister.ownSite')}</span>
          {s.openShared && <Tag color="blue">{t('siteRegister.openShared')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3} data-testid="site-register-title">
          {t('siteRegister.title')}
        </Typography.Title>
        <ExportButton path="/public/exam-sites" query={query} />
      </div>
      <Typography.Paragraph type="secondary">{t('siteRegister.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 150 }}
          placeholder={t('siteRegister.province')}
          value={query.provinceCode}
          onChange={(v) => set({ provinceCode: v ?? undefined, cityCode: undefined })}
          options={(provinces.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
          data-testid="site-register-province"
        />
        <Select<string>
          allowClear
          disabled={!query.provinceCode}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 150 }}
          placeholder={t('siteRegister.city')}
          value={query.cityCode}
          onChange={(v) => set({ cityCode: v ?? undefined })}
          options={(cities.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          placeholder={t('siteRegister.organization')}
          value={query.orgId}
          onChange={(v) => set({ orgId: v ?? undefined })}
          options={orgs}
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          placeholder={t('siteRegister.certificate')}
          value={query.certificateTypeId}
          onChange={(v) => set({ certificateTypeId: v ?? undefined })}
          options={(types.data ?? [])
            .filter((x) => !query.orgId || x.organization.id === query.orgId)
            .map((x) => ({ value: x.id, label: x.name }))}
        />
        <Select<CertificateLevel>
          allowClear
          style={{ width: 120 }}
          placeholder={t('siteRegister.levels')}
          value={query.level}
          onChange={(v) => set({ level: v ?? undefined })}
          options={CERTIFICATE_LEVELS.map((l) => ({ value: l, label: pickLabel(CERTIFICATE_LEVEL_LABELS, l, lang) }))}
        />
        <Select<'true' | 'false'>
          allowClear
          style={{ width: 140 }}
          placeholder={t('siteRegister.openShared')}
          value={query.openShared}
          onChange={(v) => set({ openShared: v ?? undefined })}
          options={[
            { value: 'true', label: t('siteRegister.sharedOnly') },
            { value: 'false', label: t('siteRegister.notShared') },
          ]}
        />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('siteRegister.search')}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          data-testid="site-register-search"
        />
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<PublicExamSiteDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        data-testid="site-register-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
      />
    </Card>
  );
}
