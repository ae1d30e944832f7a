import { ShareAltOutlined, WalletOutlined } from '@ant-design/icons';
import type { CertificateDto } from '@onex/shared';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { useErrorText } from '../../../lib/useErrorText';
import { useCertificates, useWalletCredential } from '../api';
import { certificateTitle } from '../certificate-helpers';
import { CertificateStatusTag, DownloadButtons } from './bits';
import { ShareLinksModal } from './ShareLinksModal';

/** 我的证书 (learner, R6): each certificate with its status, PDF, credential file and share links. */
export function MyCertificatesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const list = useCertificates({ page: 1, pageSize: 200 });
  const [sharing, setSharing] = useState<string | null>(null);
  const items = list.data?.items ?? [];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('menu.myCertificates')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('certificates.credentialHint')}</Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} />}
      {list.isPending ? (
        <Skeleton active />
      ) : items.length === 0 && !list.isError ? (
        <Empty description={t('certificates.myEmpty')} />
      ) : (
        <Row gutter={[16, 16]} data-testid="my-certificates">
          {items.map((c) => (
            <Col key={c.id} xs={24} lg={12}>
              <MyCertificateCard c={c} onShare={() => setSharing(c.number)} />
            </Col>
          ))}
        </Row>
      )}
      <ShareLinksModal number={sharing} onClose={() => setSharing(null)} />
    </Card>
  );
}

function MyCertificateCard({ c, onShare }: { c: CertificateDto; onShare: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const wallet = useWalletCredential();
  const { lang } = useLang();
  return (
    <Card
      type="inner"
      title={certificateTitle(c.certificateTypeName, c.level, lang)}
      extra={<CertificateStatusTag status={c.status} />}
      data-testid={`certificate-${c.number}`}
      data-status={c.status}
      style={c.status === 'revoked' ? { borderColor: '#ffa39e' } : undefined}
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('certificates.number')}>
          <Typography.Text copyable>{c.number}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.holder')}>
          {c.holderName}（{c.holderIdMasked}）
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.organization')}>{c.organization.name}</Descriptions.Item>
        <Descriptions.Item label={t('certificates.issuedOn')}>{c.issuedOn}</Descriptions.Item>
        {c.status === 'revoked' && (
          <Descriptions.Item label={t('certificates.revocationReason')}>
            <Typography.Text type="danger">
              {c.revokedOn} {c.revocationReason}
            </Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space wrap style={{ marginTop: 8 }}>
        <DownloadButtons number={c.number} />
        <Button icon={<ShareAltOutlined />} onClick={onShare} data-testid={`share-${c.number}`}>
          {t('certificates.shareLinks')}
        </Button>
        {c.status === 'valid' && (
          <Tooltip title={t('certificates.walletHint')}>
            <Button
              icon={<WalletOutlined />}
              loading={wallet.isPending}
              onClick={() => wallet.mutate(c.number)}
              data-testid={`wallet-${c.number}`}
            >
              {t('certificates.downloadWallet')}
            </Button>
          </Tooltip>
        )}
      </Space>
      {wallet.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} title={errorText(wallet.error)} />}
    </Card>
  );
}
