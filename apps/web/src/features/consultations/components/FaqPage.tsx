import { Empty, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useFaqs } from '../api';
import '../locales';

/** 常见问题: the organizations' published answers (教职成司函〔2019〕36号 三.5), without an account. */
export function FaqPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const faqs = useFaqs({ page, pageSize: 20, ...(q ? { q } : {}) });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('consult.faqTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('consult.faqIntro')}</Typography.Paragraph>
      <Input.Search allowClear placeholder={t('consult.search')} onSearch={(v) => (setQ(v), setPage(1))} style={{ maxWidth: 360 }} />
      <List
        loading={faqs.isLoading}
        locale={{ emptyText: <Empty /> }}
        dataSource={faqs.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: faqs.data?.total ?? 0, onChange: setPage }}
        renderItem={(f) => (
          <List.Item>
            <List.Item.Meta
              title={f.question}
              description={`${f.orgName}${f.certificateTypeName ? ` · ${f.certificateTypeName}` : ''} · ${formatDateTime(f.answeredAt)}`}
            />
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxWidth: 640 }}>{f.answer}</Typography.Paragraph>
          </List.Item>
        )}
      />
    </Space>
  );
}
