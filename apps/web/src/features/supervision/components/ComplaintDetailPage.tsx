import { PaperClipOutlined } from '@ant-design/icons';
import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_LEVEL_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_SUBJECT_TYPE_LABELS,
  COMPLAINT_VERDICTS,
  COMPLAINT_VERDICT_LABELS,
  type ComplaintAction,
  type ComplaintDetailDto,
  type ComplaintTransitionRequest,
  type ComplaintVerdict,
} from '@onex/shared';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Select, Space, Spin, Tag, Timeline, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { downloadComplaintAttachment, useComplaint, useComplaintTransition } from '../api';
import '../locales';
import { STATUS_COLORS } from './ComplaintsAdminPage';

/** A complaint for its handler (R8.5): content, contact (full only for the current handler), attachments, history, actions. */
export function ComplaintDetailPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { id } = useParams();
  const q = useComplaint(id);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon title={errorText(q.error)} />;
  const c = q.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>
            {t('sup.complaintTitle')} <Typography.Text code>{c.trackingCode}</Typography.Text>
          </Typography.Title>
          <Button onClick={() => void navigate('/supervision/complaints')}>{t('sup.back')}</Button>
        </div>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('sup.category')}>{pickLabel(COMPLAINT_CATEGORY_LABELS, c.category, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('sup.subject')}>
            {pickLabel(COMPLAINT_SUBJECT_TYPE_LABELS, c.subjectType, lang)}：{c.subjectName}
          </Descriptions.Item>
          <Descriptions.Item label={t('sup.status')}>
            <Space size={4} wrap>
              <Tag color={STATUS_COLORS[c.status]} data-testid="complaint-status">
                {pickLabel(COMPLAINT_STATUS_LABELS, c.status, lang)}
              </Tag>
              {c.overdue && <Tag color="red">{t('sup.overdueYes')}</Tag>}
              {c.escalations > 0 && <Tag color="volcano">{t('sup.escalated', { count: c.escalations })}</Tag>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('sup.verdict')}>
            <span data-testid="complaint-verdict">{c.verdict ? pickLabel(COMPLAINT_VERDICT_LABELS, c.verdict, lang) : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('sup.handlerLevel')}>{pickLabel(COMPLAINT_LEVEL_LABELS, c.level, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('sup.deadline')}>{c.deadline}</Descriptions.Item>
          <Descriptions.Item label={t('sup.filedAt')}>{formatDateTime(c.filedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('sup.contact')}>
            <Space orientation="vertical" size={0}>
              <span data-testid="complaint-contact">{[c.contactName, c.contactPhone].filter(Boolean).join(' / ') || '—'}</span>
              {!c.contactVisible && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('sup.contactMasked')}
                </Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('sup.content')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.content}</span>
          </Descriptions.Item>
          {c.reply && (
            <Descriptions.Item label={t('sup.reply')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{c.reply}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('sup.attachments')} span={2}>
            {!c.contactVisible ? (
              <Typography.Text type="secondary">{t('sup.attachmentsHidden')}</Typography.Text>
            ) : c.attachments.length === 0 ? (
              t('sup.noAttachments')
            ) : (
              <Space wrap>
                {c.attachments.map((a) => (
                  <Button
                    key={a.id}
                    size="small"
                    icon={<PaperClipOutlined />}
                    onClick={() => void downloadComplaintAttachment(c.id, a).catch((e: unknown) => void message.error(errorText(e)))}
                  >
                    {a.name}（{Math.ceil(a.size / 1024)} KB）
                  </Button>
                ))}
              </Space>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {c.allowedActions.length > 0 && <Handle key={`${c.status}-${c.level}`} complaint={c} />}
      <Card title={t('sup.events')}>
        <Timeline
          items={c.events.map((e) => ({
            color: e.action === 'escalate' ? 'red' : e.action === 'close' ? 'green' : 'blue',
            children: (
              <Space orientation="vertical" size={0}>
                <span>
                  <b>{t(`sup.eventActions.${e.action}`, { defaultValue: e.action })}</b> · {formatDateTime(e.at)} ·{' '}
                  {e.actorName ?? t('sup.system')} · {pickLabel(COMPLAINT_LEVEL_LABELS, e.level, lang)}
                </span>
                {e.comment && <Typography.Text type="secondary">{e.comment}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

interface ActionValues {
  action: ComplaintAction;
  comment?: string;
  verdict?: ComplaintVerdict;
  targetLevel?: 'national' | 'province' | 'city';
  targetCode?: string;
}

function Handle({ complaint: c }: { complaint: ComplaintDetailDto }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [form] = Form.useForm<ActionValues>();
  const transition = useComplaintTransition(c.id);
  const [action, setAction] = useState<ComplaintAction>(c.allowedActions[0]!);
  const targetLevel = Form.useWatch('targetLevel', form);
  const needsComment = action !== 'accept';

  const onFinish = (v: ActionValues) => {
    const body: ComplaintTransitionRequest = { action: v.action, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) };
    if (v.action === 'close') body.verdict = v.verdict;
    if (v.action === 'transfer')
      body.target =
        v.targetLevel === 'province'
          ? { level: 'province', provinceCode: v.targetCode! }
          : v.targetLevel === 'city'
            ? { level: 'city', cityCode: v.targetCode! }
            : { level: 'national' };
    transition.mutate(body, {
      onSuccess: () => {
        void message.success(t('sup.done'));
        form.resetFields(['comment', 'verdict']);
      },
    });
  };

  return (
    <Card title={t('sup.actions')}>
      <Form<ActionValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ action, targetLevel: 'province' }}
        style={{ maxWidth: 720 }}
        onValuesChange={(ch: Partial<ActionValues>) => ch.action && setAction(ch.action)}
      >
        <Form.Item name="action">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="complaint-action"
            options={c.allowedActions.map((a) => ({ value: a, label: pickLabel(COMPLAINT_ACTION_LABELS, a, lang) }))}
          />
        </Form.Item>
        {action === 'transfer' && (
          <Space wrap>
            <Form.Item name="targetLevel" label={t('sup.transferTo')}>
              <Select
                style={{ width: 140 }}
                options={(['national', 'province', 'city'] as const).map((l) => ({
                  value: l,
                  label: pickLabel(COMPLAINT_LEVEL_LABELS, l, lang),
                }))}
              />
            </Form.Item>
            {targetLevel !== 'national' && (
              <Form.Item
                name="targetCode"
                label={targetLevel === 'city' ? t('sup.cityCode') : t('sup.provinceCode')}
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('sup.codeFormat') }]}
              >
                <Input style={{ width: 160 }} maxLength={6} />
              </Form.Item>
            )}
          </Space>
        )}
        {action === 'close' && (
          <Form.Item name="verdict" label={t('sup.verdict')} rules={[{ required: true, message: t('sup.verdictRequired') }]}>
            <Radio.Group
              data-testid="complaint-verdict-choice"
              options={COMPLAINT_VERDICTS.map((v) => ({ value: v, label: pickLabel(COMPLAINT_VERDICT_LABELS, v, lang) }))}
            />
          </Form.Item>
        )}
        {needsComment && (
          <Form.Item
            name="comment"
            label={action === 'reply' ? t('sup.reply') : t('sup.comment')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('sup.commentRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="complaint-comment" />
          </Form.Item>
        )}
        {transition.isError && <Alert type="error" showIcon title={errorText(transition.error)} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={transition.isPending} data-testid="complaint-act">
          {pickLabel(COMPLAINT_ACTION_LABELS, action, lang)}
        </Button>
      </Form>
    </Card>
  );
}
