import {
  OUTCOME_APPLICATION_STATUSES,
  OUTCOME_APPLICATION_STATUS_LABELS,
  OUTCOME_TYPE_LABELS,
  type OutcomeApplicationDto,
  type OutcomeApplicationStatusCode,
  type OutcomeTypeCode,
} from '@onex/shared';
import { Alert, App, Button, Card, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { type ApplicationListQuery, evidenceUrl, useOutcomeApplications, useTransition } from '../api';
import '../locales';

const STATUS_COLOR = { submitted: 'processing', deposited: 'success', refused: 'error', withdrawn: 'default' } as const;

/** 成果存入申请 (issue 18 item 6): the school deposits (once) or refuses with a reason; the province reads. */
export function OutcomeApplicationsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [query, setQuery] = useState<ApplicationListQuery>({ page: 1, pageSize: 20, status: 'submitted' });
  const list = useOutcomeApplications(query);
  const transition = useTransition();
  const [deciding, setDeciding] = useState<{ row: OutcomeApplicationDto; action: 'deposit' | 'refuse' } | null>(null);
  const [credits, setCredits] = useState<number | null>(null);
  const [reason, setReason] = useState('');

  function decide() {
    if (!deciding) return;
    const body =
      deciding.action === 'deposit'
        ? { id: deciding.row.id, action: 'deposit' as const, credits: credits ?? deciding.row.credits }
        : { id: deciding.row.id, action: 'refuse' as const, reason };
    transition.mutate(body, {
      onSuccess: () => setDeciding(null),
      onError: (e) => void message.error(errorText(e)),
    });
  }

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4}>{t('ownOutcomes.queueTitle')}</Typography.Title>
        <Space>
          <Select
            style={{ width: 160 }}
            value={query.status ?? ''}
            onChange={(v: OutcomeApplicationStatusCode | '') => setQuery({ ...query, page: 1, status: v || undefined })}
            options={[
              { value: '', label: t('ownOutcomes.all') },
              ...OUTCOME_APPLICATION_STATUSES.map((s) => ({ value: s, label: pickLabel(OUTCOME_APPLICATION_STATUS_LABELS, s, lang) })),
            ]}
          />
          <ExportButton path="/outcome-applications" query={query} />
        </Space>
      </div>
      <Alert type="info" showIcon title={t('ownOutcomes.queueIntro')} style={{ marginBottom: 16 }} />
      <Table<OutcomeApplicationDto>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('ownOutcomes.empty') }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
        columns={[
          { title: t('ownOutcomes.learner'), dataIndex: ['learner', 'name'] },
          { title: t('ownOutcomes.name'), dataIndex: 'name' },
          { title: t('ownOutcomes.type'), dataIndex: 'type', render: (v: OutcomeTypeCode) => pickLabel(OUTCOME_TYPE_LABELS, v, lang) },
          { title: t('ownOutcomes.issuer'), dataIndex: 'issuer' },
          { title: t('ownOutcomes.obtainedOn'), dataIndex: 'obtainedOn', className: 'col-nowrap' },
          { title: t('ownOutcomes.credits'), dataIndex: 'credits' },
          {
            title: t('ownOutcomes.evidence'),
            dataIndex: 'evidenceFileId',
            render: (id: string) => (
              <a href={evidenceUrl(id)} target="_blank" rel="noreferrer">
                {t('ownOutcomes.viewEvidence')}
              </a>
            ),
          },
          {
            title: t('ownOutcomes.status'),
            dataIndex: 'status',
            render: (v: OutcomeApplicationDto['status'], r) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLOR[v]}>{pickLabel(OUTCOME_APPLICATION_STATUS_LABELS, v, lang)}</Tag>
                {r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('ownOutcomes.createdAt'), dataIndex: 'createdAt', className: 'col-nowrap', render: (v: string) => formatDateTime(v) },
          {
            title: t('ownOutcomes.actions'),
            key: 'actions',
            render: (_: unknown, r) => (
              <Space>
                {r.allowedActions.includes('deposit') && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      setCredits(r.credits);
                      setDeciding({ row: r, action: 'deposit' });
                    }}
                  >
                    {t('ownOutcomes.depositAction')}
                  </Button>
                )}
                {r.allowedActions.includes('refuse') && (
                  <Button
                    size="small"
                    danger
                    onClick={() => {
                      setReason('');
                      setDeciding({ row: r, action: 'refuse' });
                    }}
                  >
                    {t('ownOutcomes.refuseAction')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!deciding}
        title={
          deciding
            ? `${t(deciding.action === 'deposit' ? 'ownOutcomes.depositAction' : 'ownOutcomes.refuseAction')}：${deciding.row.name}`
            : ''
        }
        onCancel={() => setDeciding(null)}
        onOk={decide}
        okButtonProps={{ disabled: deciding?.action === 'refuse' && reason.trim().length < 2 }}
        confirmLoading={transition.isPending}
        destroyOnHidden
      >
        {deciding?.action === 'deposit' ? (
          <Space>
            {t('ownOutcomes.depositCredits')}
            <InputNumber
              aria-label={t('ownOutcomes.depositCredits')}
              min={0}
              max={60}
              step={0.5}
              precision={1}
              value={credits}
              onChange={(v) => setCredits(v)}
            />
          </Space>
        ) : (
          <Input.TextArea
            aria-label={t('ownOutcomes.refuseReason')}
            placeholder={t('ownOutcomes.refuseReason')}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Modal>
    </Card>
  );
}
