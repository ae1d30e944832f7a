import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api';
import { useErrorText } from '../../../lib/useErrorText';
import { myExportUrl, myTranscriptUrl, useApplyForMe, useMyAccount, useMyApplications, useMyPreview } from '../api';
import { formatCredits } from '../credit-helpers';
import { AccountView, ApplicationsTable, ItemsTable } from './bits';
import { ExportButton } from '../../../components/ExportButton';

/** 我的学习账户 (R7.1–R7.5): outcomes, credits by source/type/year, exemptions, conversion, transcript and export. */
export function MyLearningAccountPage() {
  const { t } = useTranslation();
  const account = useMyAccount();
  const notOpened = account.error instanceof ApiError && account.error.code === 'LEARNING_ACCOUNT_NOT_FOUND';
  const errorText = useErrorText();

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('creditBank.myTitle')}</Typography.Title>
        {account.isSuccess && (
          <Space wrap>
            <Button icon={<FilePdfOutlined />} href={myTranscriptUrl} download data-testid="transcript-download">
              {t('creditBank.downloadTranscript')}
            </Button>
            <Button icon={<DownloadOutlined />} href={myExportUrl} download data-testid="account-export">
              {t('creditBank.exportJson')}
            </Button>
          </Space>
        )}
      </div>
      <Typography.Paragraph type="secondary">{t('creditBank.myIntro')}</Typography.Paragraph>
      {account.isLoading && <Spin />}
      {notOpened && <Empty description={t('creditBank.notOpened')} data-testid="account-not-opened" />}
      {account.isError && !notOpened && <Alert type="error" showIcon title={errorText(account.error)} />}
      {account.isSuccess && (
        <AccountView
          account={account.data}
          extraTabs={[{ key: 'conversion', label: t('creditBank.tabApplications'), children: <MyConversion /> }]}
        />
      )}
    </Card>
  );
}

function MyConversion() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const preview = useMyPreview();
  const applications = useMyApplications();
  const apply = useApplyForMe();
  const notAvailable = preview.error instanceof ApiError && preview.error.code === 'CONVERSION_NOT_AVAILABLE';
  const p = preview.data;
  const anyAllowed = !!p?.items.some((i) => i.verdict === 'allowed');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title={t('creditBank.previewTitle')} data-testid="my-preview">
        {preview.isLoading && <Spin />}
        {notAvailable && <Alert type="info" showIcon title={t('creditBank.notAvailable')} />}
        {preview.isError && !notAvailable && <Alert type="error" showIcon title={errorText(preview.error)} />}
        {p && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('creditBank.previewIntro', { school: p.school.name, major: p.major.name })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('creditBank.capsLine', {
                pLimit: formatCredits(p.caps.professional.limit),
                pPct: p.caps.professional.percent,
                pUsed: formatCredits(p.caps.professional.converted),
                gLimit: formatCredits(p.caps.public.limit),
                gPct: p.caps.public.percent,
                gUsed: formatCredits(p.caps.public.converted),
              })}
            </Typography.Text>
            <ItemsTable items={p.items} testId="my-preview-items" />
            <Space>
              <Button
                type="primary"
                disabled={!anyAllowed}
                loading={apply.isPending}
                data-testid="apply-conversion"
                onClick={() =>
                  void modal.confirm({
                    title: t('creditBank.apply'),
                    content: t('creditBank.applyConfirm'),
                    okText: t('common.submit'),
                    cancelText: t('common.cancel'),
                    onOk: () =>
                      apply.mutate(null, {
                        onSuccess: () => void message.success(t('creditBank.applied')),
                        onError: (err) => void message.error(errorText(err)),
                      }),
                  })
                }
              >
                {t('creditBank.apply')}
              </Button>
              <Typography.Text type="secondary">
                {anyAllowed ? t('creditBank.allowedCredits', { v: formatCredits(p.allowedCredits) }) : t('creditBank.noneAllowed')}
              </Typography.Text>
            </Space>
          </Space>
        )}
      </Card>
      <Card size="small" title={t('creditBank.myApplications')} extra={<ExportButton path="/me/conversion-applications" />}>
        <ApplicationsTable rows={applications.data?.items ?? []} loading={applications.isFetching} showLearner={false} />
      </Card>
    </Space>
  );
}
