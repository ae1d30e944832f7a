import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../lib/api';
import { useErrorText } from '../../../lib/useErrorText';
import { saveJsonFile, usePublicCredential } from '../api';
import { PublicCertificateView } from './bits';

/**
 * The QR code's target `/verify/c/:code` (R6.1, R6.2) and a holder's share link `/verify/s/:token`: the certificate
 * with its validity, without an account.
 */
export function CredentialLandingPage({ kind }: { kind: 'code' | 'share' }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { code, token } = useParams();
  const key = kind === 'code' ? code : token;
  const q = usePublicCredential(kind, key);
  const missing = q.error instanceof ApiError && q.error.status === 404;

  return (
    <Card style={{ maxWidth: 980, margin: '0 auto' }}>
      <div className="page-header">
        <Typography.Title level={3}>{t(kind === 'code' ? 'certificates.qrTitle' : 'certificates.sharePageTitle')}</Typography.Title>
        <Link to="/verify">
          <Button icon={<SearchOutlined />}>{t('certificates.goVerify')}</Button>
        </Link>
      </div>
      {q.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
      {q.isError && (
        <Alert
          type={missing ? 'warning' : 'error'}
          showIcon
          title={missing ? t(kind === 'code' ? 'certificates.qrInvalid' : 'certificates.notFoundTitle') : errorText(q.error)}
          description={missing ? errorText(q.error) : undefined}
          data-testid="verify-not-found"
        />
      )}
      {q.data && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <PublicCertificateView
            result={q.data.result}
            certificate={q.data.certificate}
            extra={
              <Button
                icon={<DownloadOutlined />}
                onClick={() => saveJsonFile(q.data.credential, `${q.data.certificate.number}.credential.json`)}
              >
                {t('certificates.downloadCredential')}
              </Button>
            }
          />
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('certificates.credentialHint')}
          </Typography.Paragraph>
        </Space>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 24, marginBottom: 0, fontSize: 12 }}>
        {t('certificates.landingFootnote')}
      </Typography.Paragraph>
    </Card>
  );
}
