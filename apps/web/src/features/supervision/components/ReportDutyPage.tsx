import type { ReportDutyDto, ReportField } from '@onex/shared';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Space, Spin, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useReportDuty, useReviewReport, useSubmitReport } from '../api';
import '../locales';
import { DutyStatus } from './ReportDutiesPage';

/** One reporting duty (R8.1): the reporter fills the form its report type defines; the reviewer accepts or returns it. */
export function ReportDutyPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id } = useParams();
  const navigate = useNavigate();
  const duty = useReportDuty(id);
  if (duty.isPending) return <Spin />;
  if (duty.isError) return <Alert type="error" showIcon title={errorText(duty.error)} />;
  const d = duty.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>
            {t('sup.dutyTitle')}：{d.reportTypeName}
          </Typography.Title>
          <Button onClick={() => void navigate(-1)}>{t('sup.back')}</Button>
        </div>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('sup.school')}>{d.schoolName}</Descriptions.Item>
          <Descriptions.Item label={t('sup.department')}>{d.departmentName}</Descriptions.Item>
          <Descriptions.Item label={t('sup.certificate')}>{d.certificateTypeName}</Descriptions.Item>
          <Descriptions.Item label={t('sup.period')}>
            {d.periodStart} — {d.periodEnd}
          </Descriptions.Item>
          <Descriptions.Item label={t('sup.dueDate')}>{d.dueDate}</Descriptions.Item>
          <Descriptions.Item label={t('sup.status')}>
            <DutyStatus d={d} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sup.submittedAt')}>{formatDateTime(d.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('sup.opinion')}>
            <span data-testid="duty-opinion">{d.opinion ?? '—'}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {d.status === 'returned' && d.opinion && <Alert type="warning" showIcon title={t('sup.returnedWith', { opinion: d.opinion })} />}
      {d.allowedActions.includes('submit') ? <ReportForm duty={d} /> : <Answers duty={d} />}
      {(d.allowedActions.includes('accept') || d.allowedActions.includes('return')) && <Review duty={d} />}
    </Space>
  );
}

function Answers({ duty }: { duty: ReportDutyDto }) {
  const { t } = useTranslation();
  return (
    <Card title={t('sup.answers')}>
      {duty.answers ? (
        <Descriptions bordered size="small" column={1} data-testid="duty-answers">
          {duty.fields.map((f) => (
            <Descriptions.Item key={f.key} label={f.label}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{String(duty.answers?.[f.key] ?? '—')}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t('sup.noAnswers')}</Typography.Text>
      )}
    </Card>
  );
}

/** The form is the report type's field list: text, long text or number, required or not. */
function ReportForm({ duty }: { duty: ReportDutyDto }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Record<string, string | number | null>>();
  const submit = useSubmitReport(duty.id);
  const [error, setError] = useState<unknown>(null);
  const onFinish = (v: Record<string, string | number | null | undefined>) => {
    const answers: Record<string, string | number> = {};
    for (const f of duty.fields) {
      const x = v[f.key];
      if (x !== undefined && x !== null && x !== '') answers[f.key] = typeof x === 'string' ? x.trim() : x;
    }
    setError(null);
    submit.mutate(answers, {
      onSuccess: () => void message.success(t('sup.submitted')),
      onError: (err) => {
        const fieldErrs = ((err as { details?: { fields?: { path: string; message: string }[] } }).details?.fields ?? []).filter((fe) =>
          fe.path.startsWith('body.answers.'),
        );
        if (fieldErrs.length)
          form.setFields(fieldErrs.map((fe) => ({ name: fe.path.slice('body.answers.'.length), errors: [fe.message] })));
        else if (!formErrors(form, err)) setError(err);
      },
    });
  };
  return (
    <Card title={t('sup.answers')}>
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={duty.answers ?? {}} style={{ maxWidth: 720 }}>
        {duty.fields.map((f) => (
          <FieldInput key={f.key} field={f} />
        ))}
        {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="duty-submit">
          {duty.status === 'returned' ? t('sup.resubmit') : t('sup.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function FieldInput({ field: f }: { field: ReportField }) {
  const { t } = useTranslation();
  const rules = f.required
    ? [{ required: true, whitespace: f.type !== 'number', message: t('sup.fieldRequired', { label: f.label }) }]
    : [];
  return (
    <Form.Item name={f.key} label={f.label} rules={rules}>
      {f.type === 'number' ? (
        <InputNumber style={{ width: 200 }} data-testid={`field-${f.key}`} />
      ) : f.type === 'textarea' ? (
        <Input.TextArea rows={4} maxLength={5000} showCount data-testid={`field-${f.key}`} />
      ) : (
        <Input maxLength={5000} data-testid={`field-${f.key}`} />
      )}
    </Form.Item>
  );
}

function Review({ duty }: { duty: ReportDutyDto }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const review = useReviewReport(duty.id);
  const [opinion, setOpinion] = useState('');
  const [missing, setMissing] = useState(false);
  const act = (decision: 'accept' | 'return') => {
    if (decision === 'return' && !opinion.trim()) return setMissing(true);
    setMissing(false);
    review.mutate(
      { decision, ...(opinion.trim() ? { opinion: opinion.trim() } : {}) },
      { onSuccess: () => void message.success(decision === 'accept' ? t('sup.accepted') : t('sup.returnedDone')) },
    );
  };
  return (
    <Card title={t('sup.opinion')}>
      <Space orientation="vertical" style={{ width: '100%', maxWidth: 720 }}>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
          placeholder={t('sup.opinionPlaceholder')}
          status={missing ? 'error' : undefined}
          data-testid="review-opinion"
        />
        {missing && <Typography.Text type="danger">{t('sup.opinionRequired')}</Typography.Text>}
        {review.isError && <Alert type="error" showIcon title={errorText(review.error)} />}
        <Space>
          <Button type="primary" onClick={() => act('accept')} loading={review.isPending} data-testid="review-accept">
            {t('sup.accept')}
          </Button>
          <Button danger onClick={() => act('return')} loading={review.isPending} data-testid="review-return">
            {t('sup.return')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
