import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { DEPOSITABLE_OUTCOME_TYPES, type DepositableOutcomeType, type ImportErrorDto, OUTCOME_TYPE_LABELS } from '@onex/shared';
import type { UseMutationResult } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportErrorsTable } from '../../../components/ImportErrorsTable';
import { ApiError } from '../../../lib/api';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useAccounts, useCourses, useDeposit, useUploadEvidence } from '../api';
import { formatCredits, isoDay } from '../credit-helpers';

/** An .xlsx import: template, upload (all or nothing), success line, row/column errors. */
export function XlsxImportModal<R>({
  open,
  onClose,
  title,
  intro,
  templateUrl,
  mutation,
  successText,
  testId,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  intro: string;
  templateUrl: string;
  mutation: UseMutationResult<R, Error, File>;
  successText: (r: R) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [fileName, setFileName] = useState<string | null>(null);
  const err = mutation.error;
  const rowErrors = err instanceof ApiError && Array.isArray(err.details.errors) ? (err.details.errors as ImportErrorDto[]) : null;
  const close = () => {
    mutation.reset();
    setFileName(null);
    onClose();
  };
  return (
    <Modal open={open} title={title} onCancel={close} footer={null} width={760} destroyOnHidden>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{intro}</Typography.Paragraph>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={templateUrl} download data-testid={`${testId}-template`}>
            {t('creditBank.downloadTemplate')}
          </Button>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            beforeUpload={(file) => {
              setFileName(file.name);
              mutation.mutate(file);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={mutation.isPending} data-testid={`${testId}-upload`}>
              {t('creditBank.uploadXlsx')}
            </Button>
          </Upload>
          {fileName && <Typography.Text type="secondary">{fileName}</Typography.Text>}
        </Space>
        {mutation.isSuccess && <Alert type="success" showIcon title={successText(mutation.data)} data-testid={`${testId}-success`} />}
        {mutation.isError && <Alert type="error" showIcon title={rowErrors ? t('creditBank.importNothingWritten') : errorText(err)} />}
        {rowErrors && <ImportErrorsTable errors={rowErrors} testId={`${testId}-errors`} />}
      </Space>
    </Modal>
  );
}

interface DepositValues {
  accountId?: string;
  type: DepositableOutcomeType;
  courseId?: string;
  name?: string;
  credits?: number;
  hours?: number;
  grade?: string;
  recordedOn: { format(f: string): string };
  note?: string;
}

/** 存入学习成果: a course of the school's catalog, or a training / competition / other outcome, with optional evidence. */
export function DepositDrawer({ open, accountId, onClose }: { open: boolean; accountId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [form] = Form.useForm<DepositValues>();
  const [search, setSearch] = useState('');
  const accounts = useAccounts({ page: 1, pageSize: 20, q: search || undefined });
  const courses = useCourses();
  const deposit = useDeposit();
  const upload = useUploadEvidence();
  const [evidence, setEvidence] = useState<{ id: string; name: string } | null>(null);
  const type = Form.useWatch('type', form);
  const courseId = Form.useWatch('courseId', form);

  const submit = (v: DepositValues) => {
    const target = accountId ?? v.accountId;
    if (!target) return;
    deposit.mutate(
      {
        accountId: target,
        body: {
          type: v.type,
          courseId: v.type === 'course' ? (v.courseId ?? null) : null,
          name: v.name?.trim() || null,
          credits: v.credits ?? null,
          hours: v.hours ?? null,
          grade: v.grade?.trim() || null,
          recordedOn: isoDay(v.recordedOn)!,
          evidenceFileId: evidence?.id ?? null,
          note: v.note?.trim() || null,
        },
      },
      {
        onSuccess: (r) => {
          void message.success(r.duplicate ? t('creditBank.depositDuplicate') : t('creditBank.depositOk'));
          form.resetFields();
          setEvidence(null);
          onClose();
        },
        onError: (err) => {
          if (!showFieldErrors(form, err)) void message.error(errorText(err));
        },
      },
    );
  };

  return (
    <Drawer
      open={open}
      title={t('creditBank.depositTitle')}
      size={520}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={deposit.isPending} onClick={() => form.submit()} data-testid="deposit-submit">
            {t('creditBank.deposit')}
          </Button>
        </Space>
      }
    >
      <Form<DepositValues> form={form} layout="vertical" initialValues={{ type: 'course' }} onFinish={submit}>
        {!accountId && (
          <Form.Item name="accountId" label={t('creditBank.account')} rules={[{ required: true, message: t('creditBank.accountPick') }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              placeholder={t('creditBank.accountPick')}
              loading={accounts.isFetching}
              data-testid="deposit-account"
              options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.holderName} · ${a.holderIdMasked}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="type" label={t('creditBank.depositType')} rules={[{ required: true }]}>
          <Select
            data-testid="deposit-type"
            options={DEPOSITABLE_OUTCOME_TYPES.map((k) => ({ value: k, label: pickLabel(OUTCOME_TYPE_LABELS, k, lang) }))}
          />
        </Form.Item>
        {type === 'course' && (
          <Form.Item name="courseId" label={t('creditBank.depositCourse')} extra={t('creditBank.depositCourseHint')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              data-testid="deposit-course"
              options={(courses.data ?? []).map((c) => ({
                value: c.id,
                label: `${c.code} ${c.name}（${formatCredits(c.credits)} ${t('creditBank.credits')} / ${c.hours} ${t('creditBank.hours')}）`,
              }))}
            />
          </Form.Item>
        )}
        {!(type === 'course' && courseId) && (
          <>
            <Form.Item name="name" label={t('creditBank.depositName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input maxLength={100} data-testid="deposit-name" />
            </Form.Item>
            <Space>
              <Form.Item name="credits" label={t('creditBank.credits')} rules={[{ required: true }]}>
                <InputNumber<number> min={0} max={100} step={0.5} precision={1} data-testid="deposit-credits" />
              </Form.Item>
              <Form.Item name="hours" label={t('creditBank.hours')}>
                <InputNumber<number> min={0} max={10000} precision={0} />
              </Form.Item>
            </Space>
          </>
        )}
        <Space>
          <Form.Item name="grade" label={t('creditBank.grade')}>
            <Input maxLength={20} style={{ width: 140 }} data-testid="deposit-grade" />
          </Form.Item>
          <Form.Item name="recordedOn" label={t('creditBank.recordedOn')} rules={[{ required: true }]}>
            <DatePicker data-testid="deposit-date" />
          </Form.Item>
        </Space>
        <Form.Item label={t('creditBank.evidence')}>
          <Upload
            accept="application/pdf,.pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file, {
                onSuccess: (f) => setEvidence({ id: f.id, name: f.name }),
                onError: (err) => void message.error(errorText(err)),
              });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t('creditBank.evidenceUpload')}
            </Button>
          </Upload>
          {evidence && (
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {t('creditBank.evidenceUploaded', { name: evidence.name })}
            </Typography.Text>
          )}
        </Form.Item>
        <Form.Item name="note" label={t('creditBank.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
