import {
  CERTIFICATE_LEVEL_LABELS,
  SOCIAL_APPLICATION_STATUSES,
  SOCIAL_APPLICATION_STATUS_LABELS,
  SOCIAL_DOCUMENT_KINDS,
  SOCIAL_DOCUMENT_LABELS,
  type SocialApplicationDto,
  type SocialApplicationStatus,
  type SocialFeeDto,
} from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { FormModal } from '../../../components/FormModal';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { formatFen, pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useShowError } from '../../../lib/useShowError';
import { type ApplicationQuery, documentUrl, useConfirm, useOrgApplications, usePublishFee, useReject, useSocialFees } from '../api';
import '../locales';
import { TwoLines } from './TwoLines';

/** 社会考生报名审核 (issue 17 item 1): the organization's fees for social candidates and the applications to confirm. */
export function SocialApplicationsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [query, setQuery] = useState<ApplicationQuery>({ page: 1, pageSize: 20, status: 'submitted' });
  const list = useOrgApplications(query);
  const confirm = useConfirm();
  const [rejecting, setRejecting] = useState<SocialApplicationDto | null>(null);
  const onError = useShowError();

  const columns: TableProps<SocialApplicationDto>['columns'] = [
    {
      title: t('social.learner'),
      key: 'learner',
      render: (_, a) => (
        <TwoLines
          main={a.learner.name}
          sub={
            <>
              {a.learner.idNumberMasked}
              {a.learner.phoneMasked ? ` · ${a.learner.phoneMasked}` : ''}
            </>
          }
        />
      ),
    },
    {
      title: t('social.certificate'),
      key: 'session',
      render: (_, a) => (
        <TwoLines
          main={
            <>
              {a.session.certificateTypeName} · {pickLabel(CERTIFICATE_LEVEL_LABELS, a.session.level, lang)}
            </>
          }
          sub={
            <>
              {a.session.examDate} · {a.session.examSiteName}
            </>
          }
        />
      ),
    },
    {
      title: t('social.documents'),
      key: 'docs',
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          {SOCIAL_DOCUMENT_KINDS.filter((k) => a.documents.some((d) => d.kind === k)).map((k) => (
            <a key={k} href={documentUrl(a.id, k)} data-testid={`org-doc-${k}-${a.id}`}>
              {pickLabel(SOCIAL_DOCUMENT_LABELS, k, lang)}
            </a>
          ))}
        </Space>
      ),
    },
    {
      title: t('social.fee'),
      key: 'fee',
      width: 170,
      align: 'right',
      render: (_, a) => (
        <TwoLines main={a.paidFen !== null ? t('social.paid', { amount: formatFen(a.paidFen) }) : formatFen(a.feeFen)} sub={a.paymentRef} />
      ),
    },
    {
      title: t('social.status'),
      key: 'status',
      width: 190,
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <Tag>{pickLabel(SOCIAL_APPLICATION_STATUS_LABELS, a.status, lang)}</Tag>
          {a.reason && <Typography.Text type="secondary">{a.reason}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('social.paidAt'), key: 'paidAt', width: 170, className: 'col-nowrap', render: (_, a) => formatDateTime(a.paidAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, a) => (
        <Space>
          {a.allowedActions.includes('confirm') && (
            <Popconfirm
              title={t('social.confirmConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => confirm.mutate(a.id, { onSuccess: () => void message.success(t('social.confirmOk')), onError })}
              okButtonProps={{ 'data-testid': 'org-confirm-ok' } as never}
            >
              <Button type="link" size="small" data-testid={`org-confirm-${a.id}`}>
                {t('social.confirm')}
              </Button>
            </Popconfirm>
          )}
          {a.allowedActions.includes('reject') && (
            <Button type="link" size="small" danger onClick={() => setRejecting(a)}>
              {t('social.reject')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{t('social.orgTitle')}</Typography.Title>
          <Space>
            <Select<SocialApplicationStatus | 'all'>
              style={{ width: 200 }}
              value={query.status ?? 'all'}
              onChange={(v) => setQuery((q) => ({ ...q, page: 1, status: v === 'all' ? undefined : v }))}
              options={[
                { value: 'all', label: t('social.allStatuses') },
                ...SOCIAL_APPLICATION_STATUSES.map((s) => ({ value: s, label: pickLabel(SOCIAL_APPLICATION_STATUS_LABELS, s, lang) })),
              ]}
              data-testid="org-social-status"
            />
            <ExportButton path="/social-applications" query={query} />
          </Space>
        </div>
        <Typography.Paragraph type="secondary">{t('social.orgIntro')}</Typography.Paragraph>
        {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
        <Table<SocialApplicationDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1100 }}
          data-testid="org-social-table"
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
      <FeesCard />
      {rejecting && <RejectModal application={rejecting} onClose={() => setRejecting(null)} />}
    </Space>
  );
}

function RejectModal({ application, onClose }: { application: SocialApplicationDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const reject = useReject();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = (v: { reason: string }) =>
    reject.mutate(
      { id: application.id, reason: v.reason.trim() },
      { onSuccess: () => (void message.success(t('social.rejectOk')), onClose()), onError: showError },
    );
  return (
    <FormModal
      title={`${t('social.reject')} · ${application.learner.name}`}
      okText={t('social.reject')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      form={form}
      pending={reject.isPending}
      onClose={onClose}
      onOk={submit}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('social.rejectReason')} rules={[{ required: true, whitespace: true, min: 2 }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** The organization publishes its fee for social candidates per level, at most the level's cap (R1.2). */
function FeesCard() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const showError = useShowError();
  const fees = useSocialFees();
  const publish = usePublishFee();
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  const keyOf = (f: SocialFeeDto) => `${f.certificateTypeId}:${f.level}`;
  const columns: TableProps<SocialFeeDto>['columns'] = [
    {
      title: t('social.certificate'),
      key: 'cert',
      render: (_, f) => `${f.certificateTypeName} · ${pickLabel(CERTIFICATE_LEVEL_LABELS, f.level, lang)}`,
    },
    { title: t('social.cap'), dataIndex: 'capFen', key: 'cap', width: 130, align: 'right', render: (v: number) => formatFen(v) },
    {
      title: t('social.fee'),
      key: 'fee',
      width: 150,
      align: 'right',
      render: (_, f) =>
        f.feeFen === null ? <Typography.Text type="secondary">{t('social.notPublished')}</Typography.Text> : formatFen(f.feeFen),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 260,
      render: (_, f) => {
        const k = keyOf(f);
        const yuan = draft[k] ?? (f.feeFen !== null ? f.feeFen / 100 : null);
        return (
          <Space>
            <InputNumber<number>
              min={0}
              max={f.capFen / 100}
              precision={2}
              value={yuan}
              prefix="¥"
              onChange={(v) => setDraft((d) => ({ ...d, [k]: v }))}
              data-testid={`fee-input-${k}`}
            />
            <Button
              size="small"
              disabled={yuan === null}
              loading={
                publish.isPending && publish.variables?.certificateTypeId === f.certificateTypeId && publish.variables.level === f.level
              }
              onClick={() =>
                publish.mutate(
                  { certificateTypeId: f.certificateTypeId, level: f.level, feeFen: Math.round((yuan ?? 0) * 100) },
                  { onSuccess: () => void message.success(t('social.publishOk')), onError: showError },
                )
              }
              data-testid={`fee-publish-${k}`}
            >
              {t('social.publish')}
            </Button>
          </Space>
        );
      },
    },
  ];
  return (
    <Card title={t('social.feesTitle')}>
      <Typography.Paragraph type="secondary">{t('social.feesIntro')}</Typography.Paragraph>
      {fees.isError && <Alert type="error" showIcon title={errorText(fees.error)} style={{ marginBottom: 16 }} />}
      <Table<SocialFeeDto>
        rowKey={keyOf}
        size="small"
        columns={columns}
        dataSource={fees.data ?? []}
        loading={fees.isFetching}
        pagination={false}
        data-testid="social-fees"
      />
    </Card>
  );
}
