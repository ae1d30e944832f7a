import {
  OUTCOME_APPLICATION_STATUS_LABELS,
  OUTCOME_TYPES,
  OUTCOME_TYPE_LABELS,
  type OutcomeApplicationDto,
  type OutcomeApplicationInput,
  type OutcomeTypeCode,
} from '@onex/shared';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useMyOutcomeApplications, useSubmitApplication, useTransition, useUploadEvidence } from '../api';
import '../locales';

const STATUS_COLOR = { submitted: 'processing', deposited: 'success', refused: 'error', withdrawn: 'default' } as const;

interface FormValues {
  type: OutcomeTypeCode;
  name: string;
  issuer: string;
  level?: string;
  credits: number;
  hours?: number;
  obtainedOn: Dayjs;
  note?: string;
}

/** 自有学习成果 (issue 18 item 6): the learner applies with evidence and follows each application's state. */
export function MyOutcomeApplicationsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const list = useMyOutcomeApplications();
  const upload = useUploadEvidence();
  const submit = useSubmitApplication();
  const transition = useTransition();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<FormValues>();

  async function onFinish(v: FormValues) {
    if (!file) return void message.error(t('ownOutcomes.evidence'));
    try {
      const stored = await upload.mutateAsync(file);
      const input: OutcomeApplicationInput = {
        type: v.type,
        name: v.name,
        issuer: v.issuer,
        level: v.level || null,
        credits: v.credits,
        hours: v.hours ?? null,
        obtainedOn: v.obtainedOn.format('YYYY-MM-DD'),
        evidenceFileId: stored.id,
        note: v.note || null,
      };
      await submit.mutateAsync(input);
      message.success(t('ownOutcomes.submitted'));
      setOpen(false);
      setFile(null);
      form.resetFields();
    } catch (e) {
      message.error(errorText(e));
    }
  }

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4}>{t('ownOutcomes.title')}</Typography.Title>
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('ownOutcomes.apply')}
        </Button>
      </div>
      <Alert type="info" showIcon title={t('ownOutcomes.intro')} style={{ marginBottom: 16 }} />
      <Table<OutcomeApplicationDto>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('ownOutcomes.empty') }}
        columns={[
          { title: t('ownOutcomes.name'), dataIndex: 'name' },
          { title: t('ownOutcomes.type'), dataIndex: 'type', render: (v: OutcomeTypeCode) => pickLabel(OUTCOME_TYPE_LABELS, v, lang) },
          { title: t('ownOutcomes.issuer'), dataIndex: 'issuer' },
          { title: t('ownOutcomes.credits'), dataIndex: 'credits' },
          { title: t('ownOutcomes.school'), dataIndex: ['school', 'name'] },
          {
            title: t('ownOutcomes.status'),
            dataIndex: 'status',
            render: (v: OutcomeApplicationDto['status']) => (
              <Tag color={STATUS_COLOR[v]} data-testid="application-status">
                {pickLabel(OUTCOME_APPLICATION_STATUS_LABELS, v, lang)}
              </Tag>
            ),
          },
          { title: t('ownOutcomes.deposited'), dataIndex: 'depositedCredits', render: (v: number | null) => v ?? '—' },
          { title: t('ownOutcomes.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
          { title: t('ownOutcomes.createdAt'), dataIndex: 'createdAt', className: 'col-nowrap', render: (v: string) => formatDateTime(v) },
          {
            title: t('ownOutcomes.actions'),
            key: 'actions',
            render: (_: unknown, r) =>
              r.allowedActions.includes('withdraw') ? (
                <Button
                  size="small"
                  onClick={() => transition.mutate({ id: r.id, action: 'withdraw' }, { onError: (e) => void message.error(errorText(e)) })}
                >
                  {t('ownOutcomes.withdrawAction')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={open}
        title={t('ownOutcomes.apply')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('ownOutcomes.submit')}
        confirmLoading={upload.isPending || submit.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} initialValues={{ type: 'course' }}>
          <Form.Item name="type" label={t('ownOutcomes.type')} rules={[{ required: true }]}>
            <Select options={OUTCOME_TYPES.map((v) => ({ value: v, label: pickLabel(OUTCOME_TYPE_LABELS, v, lang) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('ownOutcomes.name')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="issuer"
            label={t('ownOutcomes.issuer')}
            extra={t('ownOutcomes.issuerHint')}
            rules={[{ required: true, max: 100 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="level" label={t('ownOutcomes.level')} rules={[{ max: 20 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="credits" label={t('ownOutcomes.credits')} rules={[{ required: true }]}>
            <InputNumber min={0} max={60} step={0.5} precision={1} />
          </Form.Item>
          <Form.Item name="hours" label={t('ownOutcomes.hours')}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
          <Form.Item name="obtainedOn" label={t('ownOutcomes.obtainedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('ownOutcomes.evidence')} required>
            <Upload
              accept="application/pdf"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <Button>{t('ownOutcomes.chooseFile')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="note" label={t('ownOutcomes.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
