import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PublicFeeNotices } from '../../../components/PublicFeeNotices';
import { ApiError } from '../../../lib/api';
import { useErrorText } from '../../../lib/useErrorText';
import { usePublicCertificateType } from '../api';
import { AsAnnounced, CertificateStatusTag, ContactsView, LevelsTable, StandardDocumentsList } from './bits';

export function Multiline({ text }: { text: string | null | undefined }) {
  const { t } = useTranslation();
  if (!text) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div>;
}

export function PublicCatalogDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const q = usePublicCertificateType(id);

  if (q.isError) {
    if (q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400))
      return (
        <Result
          status="404"
          title={t('catalog.notFound')}
          extra={
            <Button type="primary" onClick={() => navigate('/catalog')}>
              {t('catalog.backToList')}
            </Button>
          }
        />
      );
    return <Alert type="error" showIcon title={errorText(q.error)} />;
  }
  const c = q.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/catalog')}>
        {t('catalog.backToList')}
      </Button>
      {!c ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <Card>
            <Space align="center" wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="catalog-detail-name">
                {c.name}
              </Typography.Title>
              <CertificateStatusTag status={c.status} />
            </Space>
            {c.status === 'suspended' && <Alert type="warning" showIcon title={t('catalog.suspendedNotice')} style={{ marginTop: 12 }} />}
            <Descriptions
              style={{ marginTop: 16 }}
              column={{ xs: 1, md: 2 }}
              size="small"
              items={[
                { key: 'code', label: t('catalog.code'), children: c.code },
                { key: 'batch', label: t('catalog.batch'), children: c.batch },
                {
                  key: 'org',
                  label: t('catalog.organization'),
                  span: 'filled',
                  children: c.organizationToBeConfirmed ? <AsAnnounced /> : c.organization.name,
                },
                { key: 'description', label: t('catalog.description'), span: 'filled', children: <Multiline text={c.description} /> },
                { key: 'targetGroup', label: t('catalog.targetGroup'), span: 'filled', children: <Multiline text={c.targetGroup} /> },
                { key: 'award', label: t('catalog.awardRequirements'), span: 'filled', children: <Multiline text={c.awardRequirements} /> },
                {
                  key: 'majors',
                  label: t('catalog.majors'),
                  span: 'filled',
                  children: c.majors.length ? (
                    <Space size={[4, 4]} wrap>
                      {c.majors.map((m) => (
                        <Tag key={`${m.code ?? ''}${m.name}`}>{m.code ? `${m.code} ${m.name}` : m.name}</Tag>
                      ))}
                    </Space>
                  ) : (
                    t('common.none')
                  ),
                },
              ]}
            />
          </Card>
          <Card title={t('catalog.levelsAndCaps')} extra={<Typography.Text type="secondary">{t('catalog.capRule')}</Typography.Text>}>
            <LevelsTable levels={c.levels} unconfirmed={c.detailsToBeConfirmed} />
          </Card>
          <PublicFeeNotices certificateTypeId={c.id} />
          <Card title={t('catalog.standardDocuments')}>
            <StandardDocumentsList docs={c.standardDocuments} />
          </Card>
          <Card title={t('catalog.contacts')}>
            <ContactsView contacts={c.contacts} />
          </Card>
        </>
      )}
    </Space>
  );
}
