import { CERTIFICATE_STATUSES, type CertificateStatus } from '@onex/shared';
import { Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { type CertificateQuery, useCertificates } from '../api';
import { certificateTitle } from '../certificate-helpers';
import { CertificateSearch, CertificatesTable, DownloadButtons } from './bits';
import { ExportButton } from '../../../components/ExportButton';

/** 学生证书 (school roles, R6): certificates of the school's learners, with the PDF. */
export function SchoolCertificatesPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [query, setQuery] = useState<CertificateQuery>({ page: 1, pageSize: 20 });
  const list = useCertificates(query);

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('menu.schoolCertificates')}</Typography.Title>
        <Space wrap>
          <CertificateSearch onSearch={(v) => setQuery((q) => ({ ...q, page: 1, q: v }))} />
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
          <ExportButton path="/certificates" query={query} />
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('certificates.schoolIntro')}</Typography.Paragraph>
      <CertificatesTable
        list={list}
        query={query}
        setQuery={setQuery}
        middle={[
          { title: t('certificates.certificate'), key: 'ct', render: (_, c) => certificateTitle(c.certificateTypeName, c.level, lang) },
          { title: t('certificates.organization'), key: 'org', render: (_, c) => c.organization.name },
        ]}
        actions={{ width: 130, render: (c) => <DownloadButtons number={c.number} credential={false} size="small" /> }}
        scrollX={1200}
        testId="school-certificates"
      />
    </Card>
  );
}
