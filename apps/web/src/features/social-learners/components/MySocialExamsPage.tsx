import { UploadOutlined } from '@ant-design/icons';
import {
  CERTIFICATE_LEVEL_LABELS,
  SOCIAL_APPLICATION_STATUS_LABELS,
  SOCIAL_DOCUMENT_KINDS,
  SOCIAL_DOCUMENT_LABELS,
  type SocialApplicationDto,
  type SocialDocumentKind,
  type SocialOfferDto,
} from '@onex/shared';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography, Upload, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/FormModal';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { formatFen, pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useShowError } from '../../../lib/useShowError';
import { documentUrl, useApply, useMyApplications, useOffers, usePay, useUpload, useWithdraw } from '../api';
import '../locales';
import { TwoLines } from './TwoLines';

const STATUS_COLORS: Record<SocialApplicationDto['status'], string> = {
  draft: 'default',
  submitted: 'processing',
  confirmed: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** 社会考生报名 (issue 17 item 1): open sessions, the learner's applications, documents and payment. */
export function MySocialExamsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [page, setPage] = useState(1);
  const offers = useOffers(page);
  const mine = useMyApplications();
  const apply = useApply();
  const upload = useUpload();
  const withdraw = useWithdraw();
  const [paying, setPaying] = useState<SocialApplicationDto | null>(null);
  const appliedSessions = new Set(
    (mine.data ?? []).filter((a) => a.status !== 'withdrawn' && a.status !== 'rejected').map((a) => a.session.id),
  );
  const onError = useShowError();

  const offerColumns: TableProps<SocialOfferDto>['columns'] = [
    {
      title: t('social.certificate'),
      key: 'cert',
      render: (_, o) => (
        <TwoLines
          main={
            <>
              {o.certificateType.name} · {pickLabel(CERTIFICATE_LEVEL_LABELS, o.level, lang)}
            </>
          }
          sub={o.organization.name}
        />
      ),
    },
    { title: t('social.examDate'), dataIndex: 'examDate', key: 'date', width: 120 },
    { title: t('social.site'), key: 'site', render: (_, o) => `${o.examSiteName}（${o.examSiteAddress}）` },
    { title: t('social.seatsLeft'), dataIndex: 'seatsLeft', key: 'seats', width: 100, align: 'right' },
    {
      title: t('social.fee'),
      key: 'fee',
      width: 150,
      align: 'right',
      render: (_, o) => (
        <TwoLines
          main={formatFen(o.feeFen)}
          sub={
            <>
              {t('social.cap')} {formatFen(o.capFen)}
            </>
          }
        />
      ),
    },
    {
      title: t('social.closesAt'),
      key: 'closes',
      width: 170,
      className: 'col-nowrap',
      render: (_, o) => formatDateTime(o.registrationClosesAt),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, o) =>
        appliedSessions.has(o.sessionId) ? (
          <Tag>{t('social.applied')}</Tag>
        ) : (
          <Button
            type="link"
            size="small"
            loading={apply.isPending && apply.variables === o.sessionId}
            onClick={() => apply.mutate(o.sessionId, { onSuccess: () => void message.success(t('social.applyOk')), onError })}
            data-testid={`social-apply-${o.sessionId}`}
          >
            {t('social.apply')}
          </Button>
        ),
    },
  ];

  function uploadButton(a: SocialApplicationDto, kind: SocialDocumentKind) {
    const has = a.documents.find((d) => d.kind === kind);
    const label = pickLabel(SOCIAL_DOCUMENT_LABELS, kind, lang);
    return (
      <Space key={kind} size={4}>
        {has ? (
          <a href={documentUrl(a.id, kind)} data-testid={`social-doc-${kind}`}>
            ✓ {label}
          </a>
        ) : (
          <Typography.Text type="secondary">{label}</Typography.Text>
        )}
        {a.allowedActions.includes('upload') && (
          <Upload
            accept=".pdf,.png,.jpg,.jpeg"
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate({ id: a.id, kind, file }, { onSuccess: () => void message.success(t('social.uploadOk')), onError });
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} data-testid={`social-upload-${kind}`}>
              {t('social.upload', { kind: '' })}
            </Button>
          </Upload>
        )}
      </Space>
    );
  }

  const mineColumns: TableProps<SocialApplicationDto>['columns'] = [
    {
      title: t('social.certificate'),
      key: 'cert',
      render: (_, a) => (
        <TwoLines
          main={
            <>
              {a.session.certificateTypeName} · {pickLabel(CERTIFICATE_LEVEL_LABELS, a.session.level, lang)}
            </>
          }
          sub={
            <>
              {a.session.examDate} · {a.session.examSiteName} · {a.organization.name}
            </>
          }
        />
      ),
    },
    {
      title: t('social.status'),
      key: 'status',
      width: 200,
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLORS[a.status]} data-testid={`social-status-${a.id}`}>
            {pickLabel(SOCIAL_APPLICATION_STATUS_LABELS, a.status, lang)}
          </Tag>
          {a.reason && <Typography.Text type="danger">{a.reason}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('social.documents'),
      key: 'docs',
      render: (_, a) => <Space orientation="vertical">{SOCIAL_DOCUMENT_KINDS.map((k) => uploadButton(a, k))}</Space>,
    },
    {
      title: t('social.fee'),
      key: 'fee',
      width: 150,
      align: 'right',
      render: (_, a) => (a.paidFen !== null ? t('social.paid', { amount: formatFen(a.paidFen) }) : formatFen(a.feeFen)),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      render: (_, a) => (
        <Space>
          {a.allowedActions.includes('pay') && (
            <Button type="primary" size="small" onClick={() => setPaying(a)} data-testid="social-pay">
              {t('social.pay')}
            </Button>
          )}
          {a.allowedActions.includes('withdraw') && (
            <Popconfirm
              title={t('social.withdrawConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => withdraw.mutate(a.id, { onError })}
            >
              <Button size="small">{t('social.withdraw')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3}>{t('social.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('social.intro')}</Typography.Paragraph>
        <Typography.Title level={5}>{t('social.mine')}</Typography.Title>
        {mine.isError && <Alert type="error" showIcon title={errorText(mine.error)} style={{ marginBottom: 16 }} />}
        <Table<SocialApplicationDto>
          rowKey="id"
          size="middle"
          columns={mineColumns}
          dataSource={mine.data ?? []}
          loading={mine.isFetching}
          pagination={false}
          locale={{ emptyText: t('social.none') }}
          scroll={{ x: 900 }}
          data-testid="social-mine"
        />
      </Card>
      <Card title={t('social.offers')}>
        {offers.isError && <Alert type="error" showIcon title={errorText(offers.error)} style={{ marginBottom: 16 }} />}
        <Table<SocialOfferDto>
          rowKey="sessionId"
          size="middle"
          columns={offerColumns}
          dataSource={offers.data?.items ?? []}
          loading={offers.isFetching}
          locale={{ emptyText: t('social.noOffers') }}
          scroll={{ x: 1000 }}
          data-testid="social-offers"
          pagination={{
            current: page,
            pageSize: 20,
            total: offers.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p) => setPage(p),
          }}
        />
      </Card>
      {paying && <PayModal application={paying} onClose={() => setPaying(null)} />}
    </Space>
  );
}

function PayModal({ application, onClose }: { application: SocialApplicationDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const pay = usePay();
  const [form] = Form.useForm<{ paymentRef: string }>();
  const submit = (v: { paymentRef: string }) =>
    pay.mutate(
      { id: application.id, paymentRef: v.paymentRef.trim() },
      { onSuccess: () => (void message.success(t('social.payOk')), onClose()), onError: showError },
    );
  return (
    <FormModal
      title={t('social.payTitle', { amount: formatFen(application.feeFen) })}
      okText={t('social.pay')}
      cancelText={t('common.cancel')}
      form={form}
      pending={pay.isPending}
      onClose={onClose}
      onOk={submit}
      okButtonProps={{ 'data-testid': 'social-pay-ok' } as never}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="paymentRef"
          label={t('social.payRef')}
          extra={t('social.payRefHint')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={64} data-testid="social-pay-ref" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
