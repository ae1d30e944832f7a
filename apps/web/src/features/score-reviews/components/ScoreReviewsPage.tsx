import { CERTIFICATE_LEVEL_LABELS, SCORE_REVIEW_STATUS_LABELS, type ScoreReviewDto, type ScoreReviewStatus } from '@onex/shared';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useSession } from '../../../lib/session';
import { useDecideReview, useScoreReviews } from '../api';
import '../locales';

type Filter = ScoreReviewStatus | 'all';

/** 成绩复核 (issue 17 item 4): the organization answers its candidates' reviews; regions and schools read them. */
export function ScoreReviewsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { user } = useSession();
  const [filter, setFilter] = useState<Filter>('open');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<ScoreReviewDto | null>(null);
  const list = useScoreReviews(filter === 'all' ? undefined : filter, page);
  const errorText = useErrorText();
  const mayDecide = user?.role === 'org_admin';

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('scoreReviews.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('scoreReviews.intro')} />
      <Card
        extra={
          <Space>
            <Segmented<Filter>
              value={filter}
              onChange={(v) => {
                setFilter(v);
                setPage(1);
              }}
              options={[
                { value: 'open', label: pickLabel(SCORE_REVIEW_STATUS_LABELS, 'open', lang) },
                { value: 'upheld', label: pickLabel(SCORE_REVIEW_STATUS_LABELS, 'upheld', lang) },
                { value: 'corrected', label: pickLabel(SCORE_REVIEW_STATUS_LABELS, 'corrected', lang) },
                { value: 'all', label: t('scoreReviews.all') },
              ]}
            />
            <ExportButton path="/score-reviews" query={filter === 'all' ? {} : { status: filter }} />
          </Space>
        }
      >
        {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
        <Table<ScoreReviewDto>
          rowKey="id"
          size="middle"
          data-testid="score-reviews"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1100 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('scoreReviews.candidate'), dataIndex: 'candidateName', key: 'name', width: 100 },
            { title: t('scoreReviews.school'), key: 'school', render: (_, r) => r.schoolName ?? '—' },
            {
              title: t('scoreReviews.session'),
              key: 'session',
              render: (_, r) =>
                `${r.session.certificateTypeName} · ${pickLabel(CERTIFICATE_LEVEL_LABELS, r.session.level as keyof typeof CERTIFICATE_LEVEL_LABELS, lang)} · ${r.session.examDate}`,
            },
            {
              title: t('scoreReviews.original'),
              key: 'original',
              width: 130,
              render: (_, r) => (
                <Space>
                  {r.originalScore}
                  <Tag color={r.originalPassed ? 'green' : 'red'}>{t(r.originalPassed ? 'exams.passed' : 'exams.failed')}</Tag>
                </Space>
              ),
            },
            { title: t('scoreReviews.reason'), dataIndex: 'reason', key: 'reason' },
            {
              title: t('scoreReviews.status'),
              key: 'status',
              width: 110,
              render: (_, r) => (
                <Tag color={r.status === 'open' ? 'orange' : r.status === 'corrected' ? 'blue' : 'default'}>
                  {pickLabel(SCORE_REVIEW_STATUS_LABELS, r.status, lang)}
                </Tag>
              ),
            },
            { title: t('scoreReviews.answer'), key: 'answer', render: (_, r) => r.answer ?? '—' },
            {
              title: t('scoreReviews.newScore'),
              key: 'new',
              width: 130,
              render: (_, r) =>
                r.newScore === null ? (
                  '—'
                ) : (
                  <Space>
                    {r.newScore}
                    <Tag color={r.newPassed ? 'green' : 'red'}>{t(r.newPassed ? 'exams.passed' : 'exams.failed')}</Tag>
                  </Space>
                ),
            },
            {
              title: t('scoreReviews.certificate'),
              key: 'cert',
              width: 90,
              render: (_, r) => (r.certificateEffect ? t(`scoreReviews.effect.${r.certificateEffect}`) : '—'),
            },
            {
              title: t('scoreReviews.requestedAt'),
              key: 'at',
              width: 170,
              className: 'col-nowrap',
              render: (_, r) => formatDateTime(r.requestedAt),
            },
            ...(mayDecide
              ? [
                  {
                    title: t('scoreReviews.actions'),
                    key: 'actions',
                    width: 90,
                    render: (_: unknown, r: ScoreReviewDto) =>
                      r.status === 'open' ? (
                        <Button size="small" type="primary" onClick={() => setDeciding(r)}>
                          {t('scoreReviews.decide')}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {deciding && <DecideModal review={deciding} onClose={() => setDeciding(null)} />}
    </Space>
  );
}

function DecideModal({ review, onClose }: { review: ScoreReviewDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const decide = useDecideReview();
  const [form] = Form.useForm<{ outcome: 'upheld' | 'corrected'; answer: string; score?: number }>();
  const outcome = Form.useWatch('outcome', form);
  return (
    <Modal
      open
      title={`${t('scoreReviews.decide')} · ${review.candidateName}`}
      onCancel={onClose}
      okText={t('scoreReviews.decide')}
      confirmLoading={decide.isPending}
      onOk={() => form.submit()}
    >
      {decide.isError && <Alert type="error" showIcon title={errorText(decide.error)} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'upheld' }}
        onFinish={(v) => {
          const decision =
            v.outcome === 'upheld'
              ? { outcome: 'upheld' as const, answer: v.answer }
              : { outcome: 'corrected' as const, answer: v.answer, score: v.score ?? 0 };
          decide.mutate(
            { id: review.id, decision },
            {
              onSuccess: () => {
                void message.success(t('scoreReviews.done'));
                onClose();
              },
            },
          );
        }}
      >
        <Form.Item name="outcome" label={t('scoreReviews.outcome')}>
          <Radio.Group
            options={[
              { value: 'upheld', label: t('scoreReviews.upheld') },
              { value: 'corrected', label: t('scoreReviews.corrected') },
            ]}
          />
        </Form.Item>
        {outcome === 'corrected' && (
          <Form.Item name="score" label={t('scoreReviews.score')} rules={[{ required: true, message: t('scoreReviews.scoreRequired') }]}>
            <InputNumber min={0} max={100} step={0.5} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item
          name="answer"
          label={t('scoreReviews.answer')}
          rules={[{ required: true, whitespace: true, message: t('scoreReviews.answerRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
