import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { CertificateDto, CertificateStatus, Page, PublicCertificateDto } from '@onex/shared';
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Input, Result, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { useErrorText } from '../../../lib/useErrorText';
import { type CertificateQuery, credentialUrl, pdfUrl } from '../api';
import { certificateTitle } from '../certificate-helpers';

/** 有效 (green) / 已撤销 (red). */
export function CertificateStatusTag({ status }: { status: CertificateStatus }) {
  const { t } = useTranslation();
  return status === 'valid' ? (
    <Tag color="green" data-testid="status-valid">
      {t('certificates.statusValid')}
    </Tag>
  ) : (
    <Tag color="red" data-testid="status-revoked">
      {t('certificates.statusRevoked')}
    </Tag>
  );
}

/** 下载 PDF / 下载电子证书 for a certificate the user may see. */
export function DownloadButtons({ number, credential = true, size }: { number: string; credential?: boolean; size?: 'small' }) {
  const { t } = useTranslation();
  return (
    <Space wrap size="small">
      <Button size={size} icon={<FilePdfOutlined />} href={pdfUrl(number)} download data-testid={`pdf-${number}`}>
        {t('certificates.downloadPdf')}
      </Button>
      {credential && (
        <Button size={size} icon={<DownloadOutlined />} href={credentialUrl(number)} download data-testid={`credential-${number}`}>
          {t('certificates.downloadCredential')}
        </Button>
      )}
    </Space>
  );
}

/** 证书编号或姓名 search of a certificate list (the server takes at most 50 characters). */
export function CertificateSearch({ onSearch }: { onSearch: (q: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Input.Search
      allowClear
      maxLength={50}
      placeholder={t('certificates.searchPlaceholder')}
      style={{ width: 240 }}
      onSearch={(v) => onSearch(v.trim() || undefined)}
      data-testid="certificate-search"
    />
  );
}

/**
 * A page of `GET /certificates` (organization and school): number, holder, masked ID number, the page's own columns,
 * issue date, status with the revocation, then the page's actions; the list's error above it.
 */
export function CertificatesTable({
  list,
  query,
  setQuery,
  middle,
  actions,
  scrollX,
  testId,
}: {
  list: UseQueryResult<Page<CertificateDto>>;
  query: CertificateQuery;
  setQuery: Dispatch<SetStateAction<CertificateQuery>>;
  middle: TableColumnsType<CertificateDto>;
  actions: { width: number; render: (c: CertificateDto) => ReactNode };
  scrollX: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const columns: TableColumnsType<CertificateDto> = [
    { title: t('certificates.number'), dataIndex: 'number', key: 'number', width: 180 },
    { title: t('certificates.holder'), dataIndex: 'holderName', key: 'holder', width: 110 },
    { title: t('certificates.idMasked'), dataIndex: 'holderIdMasked', key: 'id', width: 190 },
    ...middle,
    { title: t('certificates.issuedOn'), dataIndex: 'issuedOn', key: 'issued', width: 110 },
    {
      title: t('certificates.status'),
      key: 'status',
      width: 210,
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
    { title: t('common.actions'), key: 'actions', width: actions.width, fixed: 'right', render: (_, c) => actions.render(c) },
  ];
  return (
    <>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<CertificateDto>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: scrollX }}
        locale={{ emptyText: t('certificates.empty') }}
        data-testid={testId}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
      />
    </>
  );
}

/**
 * The public view of a certificate (api-v1 verification): a green 证书有效 or a red 证书已撤销 with the date and reason,
 * and the certificate's facts with the ID number masked.
 */
export function PublicCertificateView({
  result,
  certificate,
  extra,
}: {
  result: CertificateStatus;
  certificate: PublicCertificateDto;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const valid = result === 'valid';
  return (
    <div data-testid="verify-result" data-result={result}>
      <Result
        style={{ padding: '16px 0' }}
        status={valid ? 'success' : 'error'}
        icon={valid ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
        title={
          <Typography.Text strong style={{ fontSize: 22, color: valid ? '#389e0d' : '#cf1322' }} data-testid="verify-verdict">
            {t(valid ? 'certificates.resultValid' : 'certificates.resultRevoked')}
          </Typography.Text>
        }
        subTitle={t(valid ? 'certificates.resultValidDesc' : 'certificates.resultRevokedDesc')}
        extra={extra}
      />
      <Descriptions bordered column={{ xs: 1, sm: 1, md: 2 }} size="middle">
        <Descriptions.Item label={t('certificates.status')}>
          <CertificateStatusTag status={result} />
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.number')}>
          <Typography.Text copyable strong data-testid="verify-number-value">
            {certificate.number}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.holder')}>
          <span data-testid="verify-holder">{certificate.holderName}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.idMasked')}>
          <span data-testid="verify-id-masked">{certificate.holderIdMasked}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.certificate')} span={2}>
          {certificateTitle(certificate.certificateTypeName, certificate.level, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.organization')}>{certificate.organizationName}</Descriptions.Item>
        <Descriptions.Item label={t('certificates.issuedOn')}>{certificate.issuedOn}</Descriptions.Item>
        {!valid && (
          <>
            <Descriptions.Item label={t('certificates.revokedOn')}>
              <Typography.Text type="danger" data-testid="verify-revoked-on">
                {certificate.revokedOn ?? t('common.none')}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('certificates.revocationReason')}>
              <Typography.Text type="danger" data-testid="verify-revocation-reason">
                {certificate.revocationReason || t('common.none')}
              </Typography.Text>
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
    </div>
  );
}
