import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Image, List, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePublicCollection, usePublicCollections } from '../api';
import '../locales';

/** 典型案例集 (R9.2): the published collections of selected cases, without an account. */
export function PublicCasesPage() {
  const { t } = useTranslation();
  const q = usePublicCollections();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('cases.publicTitle')}</Typography.Title>
      <List
        loading={q.isLoading}
        locale={{ emptyText: <Empty description={t('cases.publicEmpty')} /> }}
        dataSource={q.data?.items ?? []}
        renderItem={(c) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/public/typical-cases/${c.id}`}>{c.title}</Link>}
              description={`${c.provinceName} · ${c.year} · ${t('cases.selectedCases', { n: c.caseCount })}`}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}

export function PublicCollectionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = usePublicCollection(id);
  if (!q.data) return q.isError ? <Empty /> : <Spin />;
  const c = q.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{c.title}</Typography.Title>
      <Space>
        <Typography.Text type="secondary">
          {c.provinceName} · {c.year} · {t('cases.selectedCases', { n: c.cases.length })}
        </Typography.Text>
        <Button icon={<DownloadOutlined />} href={`/api/v1/public/typical-case-collections/${c.id}/pdf`}>
          {t('cases.downloadPdf')}
        </Button>
      </Space>
      {c.cases.map((x) => (
        <Card key={x.id} title={x.title} extra={<Tag>{x.category}</Tag>} data-testid="public-case">
          <Typography.Text type="secondary">{x.schoolName}</Typography.Text>
          {(['background', 'measures', 'outcomes'] as const).map((k) => (
            <div key={k}>
              <Typography.Title level={5}>{t(`cases.${k}`)}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{x[k]}</Typography.Paragraph>
            </div>
          ))}
          <Space wrap>
            {x.images.map((i) => (
              <Space key={i.fileId} direction="vertical" align="center">
                <Image width={240} src={`/api/v1/files/${i.fileId}`} alt={i.caption ?? i.name} />
                <Typography.Text type="secondary">{i.caption}</Typography.Text>
              </Space>
            ))}
          </Space>
        </Card>
      ))}
    </Space>
  );
}
