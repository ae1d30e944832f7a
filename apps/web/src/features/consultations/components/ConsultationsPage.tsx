import type { ConsultationDto } from '@onex/shared';
import { App, Button, Card, Checkbox, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { FormModal } from '../../../components/FormModal';
import { PagedTable } from '../../../components/PagedTable';
import { formatDateTime } from '../../../lib/format';
import { useShowError } from '../../../lib/useShowError';
import { useUser } from '../../../lib/session';
import { useAnswer, useAsk, useConsultations, useOrgs, usePublish } from '../api';
import '../locales';

/** 咨询服务 (教职成司函〔2019〕36号 三.5): askers' questions; the organization answers and publishes FAQ. */
export function ConsultationsPage() {
  const { t } = useTranslation();
  const me = useUser();
  const isOrg = me.role === 'org_admin';
  const [page, setPage] = useState(1);
  const q = useConsultations({ page, pageSize: 20 });
  const [asking, setAsking] = useState(false);
  const [answering, setAnswering] = useState<ConsultationDto | null>(null);
  const publish = usePublish();
  const showError = useShowError();
  const columns = [
    { title: t('consult.org'), dataIndex: 'orgName', key: 'orgName' },
    { title: t('consult.asker'), dataIndex: 'askerName', key: 'askerName' },
    { title: t('consult.question'), dataIndex: 'question', key: 'question' },
    {
      title: t('consult.answer'),
      dataIndex: 'answer',
      key: 'answer',
      render: (v: string | null) => v ?? <Tag color="orange">{t('consult.unanswered')}</Tag>,
    },
    {
      title: t('consult.askedAt'),
      dataIndex: 'askedAt',
      key: 'askedAt',
      className: 'col-nowrap',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('consult.published'),
      dataIndex: 'published',
      key: 'published',
      render: (v: boolean) => (v ? <Tag color="green">{t('consult.published')}</Tag> : '—'),
    },
    ...(isOrg
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: ConsultationDto) =>
              r.answer === null ? (
                <Button size="small" type="primary" onClick={() => setAnswering(r)}>
                  {t('consult.reply')}
                </Button>
              ) : (
                <Button size="small" onClick={() => publish.mutate({ id: r.id, published: !r.published }, { onError: showError })}>
                  {r.published ? t('consult.unpublish') : t('consult.publish')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('consult.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('consult.intro')} <Link to="/faq">{t('consult.faqTitle')}</Link>
      </Typography.Paragraph>
      <Card
        extra={
          <Space>
            {!isOrg && (
              <Button type="primary" onClick={() => setAsking(true)}>
                {t('consult.ask')}
              </Button>
            )}
            <ExportButton path="/consultations" />
          </Space>
        }
      >
        <PagedTable rowKey="id" columns={columns} query={q} page={page} pageSize={20} onPage={setPage} />
      </Card>
      {asking && <AskModal onClose={() => setAsking(false)} />}
      {answering && <AnswerModal c={answering} onClose={() => setAnswering(null)} />}
    </Space>
  );
}

function AskModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const orgs = useOrgs();
  const ask = useAsk();
  const { message } = App.useApp();
  const showError = useShowError();
  return (
    <FormModal
      title={t('consult.ask')}
      form={form}
      pending={ask.isPending}
      onClose={onClose}
      onOk={(v) => ask.mutate(v, { onSuccess: () => (message.success(t('consult.sent')), onClose()), onError: showError })}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="orgId" label={t('consult.org')} rules={[{ required: true }]}>
          <Select loading={orgs.isLoading} options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="question" label={t('consult.question')} rules={[{ required: true, min: 5 }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function AnswerModal({ c, onClose }: { c: ConsultationDto; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const answer = useAnswer();
  const showError = useShowError();
  return (
    <FormModal
      title={t('consult.reply')}
      form={form}
      pending={answer.isPending}
      onClose={onClose}
      onOk={(v) => answer.mutate({ id: c.id, answer: v.answer, publish: !!v.publish }, { onSuccess: onClose, onError: showError })}
    >
      <Typography.Paragraph>{c.question}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="answer" label={t('consult.answer')} rules={[{ required: true }]}>
          <Input.TextArea rows={5} maxLength={5000} />
        </Form.Item>
        <Form.Item name="publish" valuePropName="checked">
          <Checkbox>{t('consult.publishNow')}</Checkbox>
        </Form.Item>
      </Form>
    </FormModal>
  );
}
