import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { CERTIFICATE_LEVEL_LABELS, EXAM_SESSION_STATUS_LABELS, REGISTRATION_STATUS_LABELS } from '@onex/shared';
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { usePolicyText } from '../../../lib/policies';
import {
  useConsent,
  useMyRegistrations,
  useMyScoreReviews,
  useMySessions,
  useRequestScoreReview,
  type MyExamSession,
  type MyRegistration,
} from '../api';
import '../locales';
import { ExportButton } from '../../../components/ExportButton';

/** 我的考核 (R5.3): consents asked by the school (voluntary), the sessions open to me, my registrations and scores. */
export function MyExamsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [page, setPage] = useState(1);
  const regs = useMyRegistrations();
  const sessions = useMySessions(page);
  const consent = useConsent();
  const reviews = useMyScoreReviews();
  const [asking, setAsking] = useState<MyRegistration | null>(null);
  const pending = (regs.data ?? []).filter((r) => r.allowedActions.includes('consent') || r.allowedActions.includes('decline'));
  const level = (l: MyRegistration['session']['level']) => pickLabel(CERTIFICATE_LEVEL_LABELS, l, lang);
  // The notice in the words of the proposing school's own rules (its province's, its own or the nation's).
  const notice = usePolicyText('consent_notice', t('exams.voluntaryText'), { schoolId: pending[0]?.school?.id });

  const decide = (r: MyRegistration, decision: 'consent' | 'decline') =>
    consent.mutate(
      { id: r.id, decision },
      {
        onSuccess: () => void message.success(t(decision === 'consent' ? 'exams.consentOk' : 'exams.declineOk')),
        onError: (err) => void message.error(errorText(err)),
      },
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('exams.pendingTitle')} data-testid="pending-consents">
        <Alert type="info" showIcon title={t('exams.voluntaryTitle')} description={notice} style={{ marginBottom: 16 }} />
        {regs.isError && <Alert type="error" showIcon title={errorText(regs.error)} />}
        {pending.length === 0 ? (
          <Empty description={t('exams.noPending')} />
        ) : (
          <List<MyRegistration>
            dataSource={pending}
            renderItem={(r) => (
              <List.Item
                actions={[
                  r.allowedActions.includes('consent') && (
                    <Popconfirm
                      key="c"
                      title={t('exams.consentConfirm')}
                      onConfirm={() => decide(r, 'consent')}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                    >
                      <Button type="primary" icon={<CheckOutlined />} data-testid={`consent-${r.id}`}>
                        {t('exams.consent')}
                      </Button>
                    </Popconfirm>
                  ),
                  r.allowedActions.includes('decline') && (
                    <Popconfirm
                      key="d"
                      title={t('exams.declineConfirm')}
                      onConfirm={() => decide(r, 'decline')}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                    >
                      <Button icon={<CloseOutlined />} data-testid={`decline-${r.id}`}>
                        {t('exams.decline')}
                      </Button>
                    </Popconfirm>
                  ),
                ].filter(Boolean)}
              >
                <List.Item.Meta
                  title={`${r.session.certificateTypeName} · ${level(r.session.level)}`}
                  description={
                    <Space orientation="vertical" size={0}>
                      <span>
                        {t('exams.sessionLine', {
                          date: r.session.examDate,
                          site: r.session.examSiteName,
                          address: r.session.examSiteAddress,
                        })}
                      </span>
                      <span>{t('exams.consentBy', { date: formatDateTime(r.session.registrationClosesAt) })}</span>
                      <Typography.Text type="success">{t(r.feeExempt ? 'exams.feeExemptLearner' : 'exams.feeSchoolPays')}</Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>

      <Card title={t('exams.myRegistrationsTitle')}>
        <Table<MyRegistration>
          rowKey="id"
          size="middle"
          loading={regs.isFetching}
          dataSource={regs.data ?? []}
          pagination={false}
          scroll={{ x: 800 }}
          data-testid="my-registrations"
          locale={{ emptyText: t('exams.noRegistrations') }}
          columns={[
            {
              title: t('exams.certificateType'),
              key: 'ct',
              render: (_, r) => `${r.session.certificateTypeName} · ${level(r.session.level)}`,
            },
            { title: t('exams.examDate'), key: 'date', width: 120, render: (_, r) => r.session.examDate },
            { title: t('exams.site'), key: 'site', render: (_, r) => r.session.examSiteName },
            {
              title: t('exams.status'),
              key: 'status',
              width: 130,
              render: (_, r) => <Tag>{pickLabel(REGISTRATION_STATUS_LABELS, r.status, lang)}</Tag>,
            },
            {
              title: t('exams.score'),
              key: 'score',
              width: 160,
              render: (_, r) =>
                r.result ? (
                  <Space>
                    <Typography.Text strong>{r.result.score}</Typography.Text>
                    <Tag color={r.result.passed ? 'green' : 'red'}>{t(r.result.passed ? 'exams.passed' : 'exams.failed')}</Tag>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('exams.scoreNotPublished')}</Typography.Text>
                ),
            },
            {
              title: t('myExams.review.column'),
              key: 'review',
              width: 150,
              render: (_, r) => {
                const mine = (reviews.data ?? []).filter((v) => v.registrationId === r.id);
                const last = mine[0];
                if (last?.status === 'open') return <Tag color="orange">{t('myExams.review.open')}</Tag>;
                const answered = last && (
                  <Typography.Text type="secondary" title={last.answer ?? ''}>
                    {last.status === 'corrected' ? t('myExams.review.corrected', { score: last.newScore }) : t('myExams.review.upheld')}
                  </Typography.Text>
                );
                if (r.result && r.session.status === 'scores_published')
                  return (
                    <Space orientation="vertical" size={0}>
                      {answered}
                      <Button size="small" onClick={() => setAsking(r)}>
                        {t('myExams.review.ask')}
                      </Button>
                    </Space>
                  );
                return answered ?? null;
              },
            },
          ]}
        />
      </Card>

      <Card title={t('exams.openSessionsTitle')} extra={<ExportButton path="/me/exam-sessions" />}>
        {sessions.isError && <Alert type="error" showIcon title={errorText(sessions.error)} style={{ marginBottom: 16 }} />}
        <Table<MyExamSession>
          rowKey="id"
          size="middle"
          loading={sessions.isFetching}
          dataSource={sessions.data?.items ?? []}
          scroll={{ x: 900 }}
          data-testid="my-sessions"
          pagination={{ current: page, pageSize: 20, total: sessions.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('exams.certificateType'), key: 'ct', render: (_, s) => `${s.certificateTypeName} · ${level(s.level)}` },
            { title: t('exams.organization'), key: 'org', render: (_, s) => s.organization.name },
            { title: t('exams.examDate'), dataIndex: 'examDate', key: 'date', width: 120 },
            { title: t('exams.site'), key: 'site', render: (_, s) => `${s.examSiteName}（${s.examSiteAddress}）` },
            {
              title: t('exams.status'),
              key: 'status',
              width: 170,
              render: (_, s) => (
                <Space orientation="vertical" size={0}>
                  <span>{pickLabel(EXAM_SESSION_STATUS_LABELS, s.status, lang)}</span>
                  {s.myRegistration && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {pickLabel(REGISTRATION_STATUS_LABELS, s.myRegistration.status, lang)}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('exams.openSessionsHint')}
        </Typography.Paragraph>
      </Card>
      {asking && <AskReviewModal registration={asking} onClose={() => setAsking(null)} />}
    </Space>
  );
}

function AskReviewModal({ registration, onClose }: { registration: MyRegistration; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const ask = useRequestScoreReview();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={`${t('myExams.review.title')} · ${registration.session.certificateTypeName}`}
      onCancel={onClose}
      okText={t('myExams.review.ask')}
      confirmLoading={ask.isPending}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t('myExams.review.hint')}</Typography.Paragraph>
      {ask.isError && <Alert type="error" showIcon title={errorText(ask.error)} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          ask.mutate(
            { registrationId: registration.id, reason: v.reason },
            {
              onSuccess: () => {
                void message.success(t('myExams.review.sent'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('myExams.review.reason')}
          rules={[{ required: true, whitespace: true, message: t('myExams.review.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
