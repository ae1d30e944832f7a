import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { CertificateStatus, PublicCertificateDto } from '@onex/shared';
import { Button, Descriptions, Result, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { credentialUrl, pdfUrl } from '../api';
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
