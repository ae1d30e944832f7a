import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS, type ApplicationStatus } from '@onex/shared';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { type ApplicationQuery, useApplications, useApplyOnBehalf, useLearnerPreview } from '../api';
import { formatCredits } from '../credit-helpers';
import { ApplicationsTable, ItemsTable, LearnerPicker } from './bits';
import { ExportButton } from '../../../components/ExportButton';

/** 转换申请 (R7.4): the school's queue (approve / refuse with a reason) and its applications for learners; province: read-only. */
export function ConversionApplicationsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const me = useUser();
  const [query, setQuery] = useState<ApplicationQuery>({
    page: 1,
    pageSize: 20,
    status: me.role === 'school_admin' ? 'submitted' : undefined,
  });
  const applications = useApplications(query);
  const [applyOpen, setApplyOpen] = useState(false);
  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('creditBank.applicationsTitle')}</Typography.Title>
        <Space>
          <ExportButton path="/conversion-applications" query={query} />
          {me.role === 'school_admin' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplyOpen(true)} data-testid="apply-on-behalf">
              {t('creditBank.applyOnBehalf')}
            </Button>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('creditBank.applicationsIntro')}</Typography.Paragraph>
      <div className="filter-bar">
        <Select<ApplicationStatus>
          allowClear
          style={{ width: 160 }}
          placeholder={t('creditBank.status')}
          value={query.status}
          onChange={(v) => setQuery((q) => ({ ...q, page: 1, status: v ?? undefined }))}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: pickLabel(APPLICATION_STATUS_LABELS, s, lang) }))}
          data-testid="applications-status"
        />
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void applications.refetch()} aria-label={t('common.refresh')} />
        </Tooltip>
      </div>
      {applications.isError && <Alert type="error" showIcon title={errorText(applications.error)} style={{ marginBottom: 16 }} />}
      <ApplicationsTable
        rows={applications.data?.items ?? []}
        loading={applications.isFetching}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: applications.data?.total ?? 0,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
      />
      <ApplyOnBehalfModal open={applyOpen} onClose={() => setApplyOpen(false)} />
    </Card>
  );
}

function ApplyOnBehalfModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [learnerId, setLearnerId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const preview = useLearnerPreview(learnerId);
  const apply = useApplyOnBehalf();
  const anyAllowed = !!preview.data?.items.some((i) => i.verdict === 'allowed');
  const close = () => {
    setLearnerId(null);
    setNote('');
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('creditBank.applyOnBehalf')}
      width={980}
      onCancel={close}
      okText={t('creditBank.apply')}
      okButtonProps={{ disabled: !anyAllowed, loading: apply.isPending, 'data-testid': 'apply-on-behalf-ok' } as never}
      onOk={() =>
        learnerId &&
        apply.mutate(
          { learnerId, note: note.trim() || null },
          {
            onSuccess: () => {
              void message.success(t('creditBank.applied'));
              close();
            },
            onError: (err) => void message.error(errorText(err)),
          },
        )
      }
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <LearnerPicker value={learnerId} onChange={setLearnerId} width={380} testId="apply-learner" />
        {preview.isFetching && <Spin />}
        {preview.isError && <Alert type="error" showIcon title={errorText(preview.error)} />}
        {preview.data && (
          <>
            <Typography.Text type="secondary">
              {t('creditBank.previewIntro', { school: preview.data.school.name, major: preview.data.major.name })}
            </Typography.Text>
            <ItemsTable items={preview.data.items} testId="apply-preview-items" />
            <Typography.Text>
              {anyAllowed ? t('creditBank.allowedCredits', { v: formatCredits(preview.data.allowedCredits) }) : t('creditBank.noneAllowed')}
            </Typography.Text>
            <Input.TextArea
              rows={2}
              maxLength={500}
              placeholder={t('creditBank.note')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
