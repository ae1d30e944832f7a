import { ArrowLeftOutlined, FilePdfOutlined, PlusOutlined, ReloadOutlined, TeamOutlined, UploadOutlined } from '@ant-design/icons';
import { ACCOUNT_OPENED_VIA_LABELS, type LearningAccountSummaryDto } from '@onex/shared';
import { Alert, App, Button, Card, Input, Popconfirm, Space, Spin, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { type AccountQuery, accountsTemplateUrl, transcriptUrl, useAccount, useAccounts, useImportAccounts, useOpenAccounts } from '../api';
import { formatCredits } from '../credit-helpers';
import { AccountView } from './bits';
import { DepositDrawer, XlsxImportModal } from './forms';
import { ExportButton } from '../../../components/ExportButton';

const BASE = '/learning-accounts';

/** 学习账户: the accounts of the school's learners (school) or of the province's schools (province, read-only). */
export function LearningAccountsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useUser();
  const navigate = useNavigate();
  const isSchool = me.role === 'school_admin';
  const [query, setQuery] = useState<AccountQuery>({ page: 1, pageSize: 20 });
  const [importOpen, setImportOpen] = useState(false);
  const accounts = useAccounts(query);
  const open = useOpenAccounts();
  const importAccounts = useImportAccounts();

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('creditBank.accountsTitle')}</Typography.Title>
        <Space wrap>
          <ExportButton path="/learning-accounts" query={query} />
          {isSchool && (
            <>
              <Popconfirm
                title={t('creditBank.openForLearners')}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  open.mutate(undefined, {
                    onSuccess: (r) => void message.success(t('creditBank.openedResult', r)),
                    onError: (err) => void message.error(errorText(err)),
                  })
                }
              >
                <Button icon={<TeamOutlined />} loading={open.isPending} data-testid="open-accounts">
                  {t('creditBank.openForLearners')}
                </Button>
              </Popconfirm>
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="import-accounts">
                {t('creditBank.importAccounts')}
              </Button>
            </>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('creditBank.accountsIntro')}</Typography.Paragraph>
      <div className="filter-bar">
        <Input.Search
          allowClear
          style={{ width: 200 }}
          maxLength={50}
          placeholder={t('creditBank.searchName')}
          onSearch={(v) => setQuery((q) => ({ ...q, page: 1, q: v.trim() || undefined }))}
          data-testid="accounts-search"
        />
        <Input.Search
          allowClear
          style={{ width: 260 }}
          maxLength={32}
          placeholder={t('creditBank.searchIdNumber')}
          onSearch={(v) => setQuery((q) => ({ ...q, page: 1, idNumber: v.trim() || undefined }))}
        />
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void accounts.refetch()} aria-label={t('common.refresh')} />
        </Tooltip>
      </div>
      {accounts.isError && <Alert type="error" showIcon title={errorText(accounts.error)} style={{ marginBottom: 16 }} />}
      <Table<LearningAccountSummaryDto>
        rowKey="id"
        size="middle"
        loading={accounts.isFetching}
        dataSource={accounts.data?.items ?? []}
        data-testid="accounts-table"
        onRow={(a) => ({ onDoubleClick: () => void navigate(`${BASE}/${a.id}`) })}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: accounts.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
        columns={[
          { title: t('creditBank.holder'), dataIndex: 'holderName', key: 'name', width: 120 },
          {
            title: t('creditBank.idMasked'),
            key: 'id',
            width: 210,
            render: (_, a) => <span style={{ fontFamily: 'monospace' }}>{a.holderIdMasked}</span>,
          },
          { title: t('creditBank.school'), key: 'school', render: (_, a) => a.school?.name ?? t('common.none') },
          {
            title: t('creditBank.openedVia'),
            key: 'via',
            width: 150,
            render: (_, a) => pickLabel(ACCOUNT_OPENED_VIA_LABELS, a.openedVia, lang),
          },
          { title: t('creditBank.outcomeCount'), dataIndex: 'outcomeCount', key: 'count', width: 90, align: 'right' },
          {
            title: t('creditBank.totalCredits'),
            key: 'credits',
            width: 100,
            align: 'right',
            render: (_, a) => formatCredits(a.totalCredits),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_, a) => (
              <Link to={`${BASE}/${a.id}`} data-testid={`account-${a.id}`}>
                {t('creditBank.view')}
              </Link>
            ),
          },
        ]}
      />
      <XlsxImportModal
        open={importOpen}
        onClose={() => setImportOpen(false)}
        title={t('creditBank.importAccounts')}
        intro={t('creditBank.importAccountsIntro')}
        templateUrl={accountsTemplateUrl}
        mutation={importAccounts}
        successText={(r) => t('creditBank.importAccountsOk', r)}
        testId="accounts-import"
      />
    </Card>
  );
}

/** One account in scope: the same view the learner has, plus deposits and reversals for its school. */
export function LearningAccountDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const errorText = useErrorText();
  const account = useAccount(id);
  const [depositOpen, setDepositOpen] = useState(false);
  return (
    <Card>
      <div className="page-header">
        <Space>
          <Link to={BASE}>
            <ArrowLeftOutlined />
          </Link>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('creditBank.accountDetail')}
          </Typography.Title>
        </Space>
        {account.isSuccess && (
          <Space wrap>
            <Button icon={<FilePdfOutlined />} href={transcriptUrl(id)} download data-testid="transcript-download">
              {t('creditBank.downloadTranscript')}
            </Button>
            {account.data.mayDeposit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDepositOpen(true)} data-testid="deposit-open">
                {t('creditBank.deposit')}
              </Button>
            )}
          </Space>
        )}
      </div>
      {account.isLoading && <Spin />}
      {account.isError && <Alert type="error" showIcon title={errorText(account.error)} />}
      {account.isSuccess && <AccountView account={account.data} />}
      <DepositDrawer open={depositOpen} accountId={id} onClose={() => setDepositOpen(false)} />
    </Card>
  );
}
