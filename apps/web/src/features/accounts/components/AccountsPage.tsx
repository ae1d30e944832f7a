import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { CREATABLE_ROLES, ROLES, canCreateRole, type AccountDto, type Role } from '@onex/shared';
import { Alert, App, Badge, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { formatDateTime } from '../../../lib/format';
import { roleLabel, useLang } from '../../../lib/i18n';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { accountKeys, useAccounts, useSetAccountStatus, type AccountQuery } from '../api';
import { CreateAccountDrawer } from './CreateAccountDrawer';
import { ResetPasswordModal } from './ResetPasswordModal';

export function AccountsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const en = lang === 'en-US';
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useUser();
  const [query, setQuery] = useState<AccountQuery>({ page: 1, pageSize: 20 });
  const [searchText, setSearchText] = useState('');
  const [createOpen, setCreateOpen] = useState(false);
  const [resetting, setResetting] = useState<AccountDto | null>(null);
  const accounts = useAccounts(query);
  const queryClient = useQueryClient();
  const setStatus = useSetAccountStatus();
  const canCreate = CREATABLE_ROLES[me.role].length > 0;

  const toggle = (a: AccountDto) => {
    const next = a.status === 'active' ? 'disabled' : 'active';
    return setStatus
      .mutateAsync({ id: a.id, status: next })
      .then(() => void message.success(t(next === 'disabled' ? 'accounts.disabledOk' : 'accounts.enabledOk')))
      .catch((err: unknown) => void message.error(errorText(err)));
  };

  const columns: TableProps<AccountDto>['columns'] = [
    {
      title: t('accounts.username'),
      dataIndex: 'username',
      key: 'username',
      width: 140,
      ellipsis: true,
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('accounts.displayName'), dataIndex: 'displayName', key: 'displayName', ellipsis: true },
    {
      title: t('accounts.role'),
      dataIndex: 'role',
      key: 'role',
      width: en ? 190 : 150,
      render: (r: Role) => <Tag color="blue">{roleLabel(r, lang)}</Tag>,
    },
    {
      title: t('accounts.scope'),
      dataIndex: 'scopeLabel',
      key: 'scopeLabel',
      ellipsis: { showTitle: true },
      render: (v: string) => v || t('common.none'),
    },
    {
      title: t('accounts.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: AccountDto['status']) =>
        s === 'active' ? <Badge status="success" text={t('accounts.active')} /> : <Badge status="default" text={t('accounts.disabled')} />,
    },
    {
      title: t('accounts.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      className: 'col-nowrap',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: en ? 200 : 160,
      render: (_, a) => {
        if (a.id === me.id) return <Typography.Text type="secondary">{t('accounts.self')}</Typography.Text>;
        if (!canCreateRole(me.role, a.role)) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
        const disabling = a.status === 'active';
        return (
          <Space size={4}>
            <Popconfirm
              title={t(disabling ? 'accounts.confirmDisable' : 'accounts.confirmEnable', { name: a.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: disabling }}
              onConfirm={() => toggle(a)}
            >
              <Button type="link" size="small" danger={disabling} data-testid={`toggle-${a.username}`}>
                {t(disabling ? 'accounts.disable' : 'accounts.enable')}
              </Button>
            </Popconfirm>
            <Button type="link" size="small" onClick={() => setResetting(a)} data-testid={`reset-${a.username}`}>
              {t('accounts.resetPassword')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('accounts.title')}</Typography.Title>
        <Space>
          <ExportButton path="/users" query={query} />
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)} data-testid="create-account">
              {t('accounts.create')}
            </Button>
          )}
        </Space>
      </div>
      <div className="filter-bar">
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('accounts.searchPlaceholder')}
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(v) => {
            setQuery((q) => ({ ...q, page: 1, q: v.trim() || undefined }));
            void queryClient.invalidateQueries({ queryKey: accountKeys.all });
          }}
          enterButton={t('common.search')}
          data-testid="accounts-search"
        />
        <Select<Role>
          allowClear
          style={{ width: 200 }}
          placeholder={t('accounts.allRoles')}
          value={query.role}
          onChange={(role) => setQuery((q) => ({ ...q, page: 1, role: role ?? undefined }))}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }))}
          data-testid="accounts-role-filter"
        />
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void accounts.refetch()} aria-label={t('common.refresh')} />
        </Tooltip>
      </div>
      {accounts.isError && <Alert type="error" showIcon title={errorText(accounts.error)} style={{ marginBottom: 16 }} />}
      <Table<AccountDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={accounts.data?.items ?? []}
        loading={accounts.isFetching}
        scroll={{ x: 960 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: accounts.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
      />
      <CreateAccountDrawer open={createOpen} actorRole={me.role} onClose={() => setCreateOpen(false)} />
      <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
