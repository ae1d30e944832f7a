import { PlusOutlined } from '@ant-design/icons';
import type { EvaluationOrgDto } from '@onex/shared';
import { Alert, Button, Card, Input, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import { ToBeConfirmedTag } from '../../../components/ToBeConfirmedTag';
import { useOrgs, type OrgQuery } from '../api';
import { OrgFormModal } from './OrgFormModal';
import { ExportButton } from '../../../components/ExportButton';

export function EvaluationOrgsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [query, setQuery] = useState<OrgQuery>({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<EvaluationOrgDto | null | 'new'>(null);
  const list = useOrgs(query);

  const columns: TableProps<EvaluationOrgDto>['columns'] = [
    {
      title: t('orgs.name'),
      key: 'name',
      render: (_, o) => (
        <Space size={4} wrap>
          <Link to={`/evaluation-orgs/${o.id}`}>{o.name}</Link>
          <ToBeConfirmedTag show={o.toBeConfirmed} />
        </Space>
      ),
    },
    { title: t('orgs.code'), dataIndex: 'code', key: 'code', width: 140 },
    { title: t('orgs.shortName'), dataIndex: 'shortName', key: 'shortName', width: 140 },
    { title: t('orgs.address'), dataIndex: 'address', key: 'address', ellipsis: true },
    {
      title: t('certTypes.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      className: 'col-nowrap',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, o) => (
        <Space size={4}>
          <Link to={`/evaluation-orgs/${o.id}`}>{t('orgs.contactsLink')}</Link>
          {o.allowedActions.includes('edit') && (
            <Button type="link" size="small" onClick={() => setEditing(o)} data-testid={`org-edit-${o.code}`}>
              {t('certTypes.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('orgs.title')}</Typography.Title>
        <Space>
          <ExportButton path="/evaluation-orgs" query={query} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-org">
            {t('orgs.create')}
          </Button>
        </Space>
      </div>
      <div className="filter-bar">
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('orgs.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setQuery((x) => ({ ...x, page: 1, q: v.trim() || undefined }))}
          enterButton={t('common.search')}
        />
      </div>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<EvaluationOrgDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 900 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((x) => ({ ...x, page, pageSize })),
        }}
      />
      <OrgFormModal open={editing !== null} org={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
