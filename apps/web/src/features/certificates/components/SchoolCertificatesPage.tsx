import { CERTIFICATE_STATUSES, type CertificateDto, type CertificateStatus } from '@onex/shared';
import { Alert, Card, Input, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { useErrorText } from '../../../lib/useErrorText';
import { type CertificateQuery, useCertificates } from '../api';
import { certificateTitle } from '../certificate-helpers';
import { CertificateStatusTag, DownloadButtons } from './bits';

/** 学生证书 (school roles, R6): certificates of the school's learners, with the PDF. */
export function SchoolCertificatesPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [query, setQuery] = useState<CertificateQuery>({ page: 1, pageSize: 20 });
  const list = useCertificates(query);

  const columns: TableProps<CertificateDto>['columns'] = [
    { title: t('certificates.number'), dataIndex: 'number', key: 'number', width: 180 },
    { title: t('certificates.holder'), dataIndex: 'holderName', key: 'holder', width: 110 },
    { title: t('certificates.idMasked'), dataIndex: 'holderIdMasked', key: 'id', width: 190 },
    { title: t('certificates.certificate'), key: 'ct', render: (_, c) => certificateTitle(c.certificateTypeName, c.level, lang) },
    { title: t('certificates.organization'), key: 'org', render: (_, c) => c.organization.name },
    { title: t('certificates.issuedOn'), dataIndex: 'issuedOn', key: 'issued', width: 110 },
    {
      title: t('certificates.status'),
      key: 'status',
      width: 200,
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <CertificateStatusTag status={c.status} />
          {c.status === 'revoked' && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {c.revokedOn} {c.revocationReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, c) => <DownloadButtons number={c.number} credential={false} size="small" />,
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('menu.schoolCertificates')}</Typography.Title>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('certificates.searchPlaceholder')}
            style={{ width: 240 }}
            onSearch={(v) => setQuery((q) => ({ ...q, page: 1, q: v.trim() || undefined }))}
            data-testid="certificate-search"
          />
          <Select<CertificateStatus>
            allowClear
            style={{ width: 120 }}
            placeholder={t('certificates.status')}
            value={query.status}
            onChange={(v) => setQuery((q) => ({ ...q, page: 1, status: v ?? undefined }))}
            options={CERTIFICATE_STATUSES.map((s) => ({
              value: s,
              label: t(s === 'valid' ? 'certificates.statusValid' : 'certificates.statusRevoked'),
            }))}
          />
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('certificates.schoolIntro')}</Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<CertificateDto>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1200 }}
        locale={{ emptyText: t('certificates.empty') }}
        data-testid="school-certificates"
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
