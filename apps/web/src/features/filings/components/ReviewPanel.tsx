import {
  FILING_ACTION_LABELS,
  FILING_RULES,
  FILING_SECTIONS,
  FILING_SECTION_LABELS,
  type FilingAction,
  type FilingDetailDto,
  type FilingSection,
} from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useExperts, useFilingTransition } from '../api';
import { allScored, liveWeightedTotal } from '../filing-helpers';

const ruleText = (id: string) => FILING_RULES.find((r) => r.id === id)?.description ?? id;

/** 受理 / 通过 / 退回 (municipal and province returns take a comment and optional comments per section). */
function SimpleActions({ filing }: { filing: FilingDetailDto }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const tr = useFilingTransition(filing.id);
  const [returning, setReturning] = useState<FilingAction | null>(null);
  const [approving, setApproving] = useState(false);
  const [form] = Form.useForm<{ comment: string; sections?: Partial<Record<FilingSection, string>> }>();
  const has = (a: FilingAction) => filing.allowedActions.includes(a);
  const label = (a: FilingAction) => pickLabel(FILING_ACTION_LABELS, a, lang);
  const run = (action: FilingAction, extra: { comment?: string; sectionComments?: Partial<Record<FilingSection, string>> } = {}) =>
    tr.mutateAsync({ action: action as never, ...extra }).then(
      () => {
        void message.success(t('filings.actionOk', { action: label(action) }));
        setReturning(null);
        setApproving(false);
        form.resetFields();
      },
      (err) => void message.error(errorText(err)),
    );

  const returnAction: FilingAction | null = has('municipal_return') ? 'municipal_return' : has('return') ? 'return' : null;
  if (!has('accept_for_review') && !has('municipal_approve') && !returnAction) return null;
  return (
    <Space wrap>
      {has('accept_for_review') && (
        <Popconfirm
          title={t('filings.acceptConfirm')}
          description={t('filings.acceptConfirmText')}
          okText={t('filings.accept')}
          cancelText={t('common.cancel')}
          onConfirm={() => run('accept_for_review')}
          okButtonProps={{ 'data-testid': 'accept-confirm-ok' } as never}
          cancelButtonProps={{ 'data-testid': 'accept-confirm-cancel' } as never}
        >
          <Button type="primary" loading={tr.isPending} data-testid="action-accept">
            {t('filings.accept')}
          </Button>
        </Popconfirm>
      )}
      {has('municipal_approve') && (
        <Button type="primary" onClick={() => setApproving(true)} data-testid="action-municipal-approve">
          {t('filings.municipalApprove')}
        </Button>
      )}
      {returnAction && (
        <Button danger onClick={() => setReturning(returnAction)} data-testid="action-return">
          {returnAction === 'municipal_return' ? t('filings.municipalReturn') : t('filings.return')}
        </Button>
      )}
      <Modal
        open={approving}
        title={label('municipal_approve')}
        onCancel={() => setApproving(false)}
        confirmLoading={tr.isPending}
        onOk={() =>
          void form
            .validateFields(['comment'])
            .then((v) => run('municipal_approve', v.comment?.trim() ? { comment: v.comment.trim() } : {}))
        }
        okButtonProps={{ 'data-testid': 'approve-ok' } as never}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="comment" label={t('filings.commentOptional')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={returning !== null}
        title={returning ? label(returning) : ''}
        onCancel={() => setReturning(null)}
        confirmLoading={tr.isPending}
        width={640}
        onOk={() =>
          void form.validateFields().then((v) => {
            const sectionComments = Object.fromEntries(
              Object.entries(v.sections ?? {})
                .filter(([, c]) => typeof c === 'string' && c.trim())
                .map(([k, c]) => [k, (c as string).trim()]),
            );
            return run(returning!, { comment: v.comment.trim(), sectionComments });
          })
        }
        okButtonProps={{ danger: true, 'data-testid': 'return-ok' } as never}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="comment"
            label={t('filings.comment')}
            rules={[{ required: true, whitespace: true, message: t('filings.commentRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="return-comment-input" />
          </Form.Item>
          <Typography.Text type="secondary">{t('filings.sectionComments')}</Typography.Text>
          {FILING_SECTIONS.map((s) => (
            <Form.Item key={s} name={['sections', s]} label={pickLabel(FILING_SECTION_LABELS, s, lang)} style={{ marginBottom: 8 }}>
              <Input maxLength={2000} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </Space>
  );
}

/** 分配评审专家 + the experts' scores and opinions (province). */
export function ExpertsCard({ filing }: { filing: FilingDetailDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const canAssign = filing.allowedActions.includes('assign_experts');
  const experts = useExperts(canAssign);
  const tr = useFilingTransition(filing.id);
  const [ids, setIds] = useState<string[]>([]);
  const assignments = filing.expertAssignments ?? [];
  const scored = assignments.filter((a) => a.weightedTotal !== null);
  const avg = scored.length ? Math.round((scored.reduce((s, a) => s + (a.weightedTotal ?? 0), 0) / scored.length) * 100) / 100 : null;
  return (
    <Card size="small" title={t('filings.assignTitle')} data-testid="experts-card">
      {canAssign && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Select
            mode="multiple"
            style={{ minWidth: 320 }}
            placeholder={t('filings.selectExperts')}
            value={ids}
            onChange={setIds}
            loading={experts.isLoading}
            options={(experts.data ?? []).map((e) => ({ value: e.id, label: `${e.displayName}（${e.username}）` }))}
            data-testid="expert-select"
          />
          <Button
            type="primary"
            disabled={!ids.length}
            loading={tr.isPending}
            data-testid="assign-experts"
            onClick={() =>
              tr.mutate(
                { action: 'assign_experts', expertIds: ids },
                {
                  onSuccess: () => {
                    setIds([]);
                    void message.success(t('filings.actionOk', { action: t('filings.assign') }));
                  },
                  onError: (err) => void message.error(errorText(err)),
                },
              )
            }
          >
            {t('filings.assign')}
          </Button>
        </Space>
      )}
      <Table
        size="small"
        pagination={false}
        rowKey="expertId"
        dataSource={assignments}
        scroll={{ x: 640 }}
        columns={[
          { title: t('filings.expert'), dataIndex: 'expertName' },
          { title: t('filings.assignedAt'), key: 'at', className: 'col-nowrap', render: (_, a) => formatDateTime(a.assignedAt) },
          ...filing.reviewCriteria.map((c) => ({
            title: `${c.name}（${c.weight}）`,
            key: c.key,
            render: (_: unknown, a: (typeof assignments)[number]) => a.scores?.[c.key] ?? '',
          })),
          {
            title: t('filings.weightedTotal'),
            key: 'total',
            render: (_, a) =>
              a.weightedTotal === null ? (
                <Typography.Text type="secondary">{t('filings.notScored')}</Typography.Text>
              ) : (
                <b>{a.weightedTotal}</b>
              ),
          },
          { title: t('filings.opinion'), dataIndex: 'opinion', render: (v: string | null) => v ?? '' },
        ]}
      />
      {avg !== null && (
        <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
          {t('filings.averageTotal', { n: avg })}
        </Typography.Text>
      )}
    </Card>
  );
}

/** 专家评分: criteria with the round's weights, 0–100 each, weighted total live, opinion. */
function ScoreCard({ filing }: { filing: FilingDetailDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const tr = useFilingTransition(filing.id);
  const mine = filing.expertAssignments?.[0];
  const [scores, setScores] = useState<Record<string, number | null>>(mine?.scores ?? {});
  const [opinion, setOpinion] = useState(mine?.opinion ?? '');
  const criteria = filing.reviewCriteria;
  const total = liveWeightedTotal(criteria, scores);
  const ready = allScored(criteria, scores) && opinion.trim().length > 0;
  return (
    <Card size="small" title={t('filings.scoreTitle')} data-testid="score-card">
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={criteria}
        columns={[
          { title: t('filings.criterion'), dataIndex: 'name' },
          { title: t('filings.weight'), dataIndex: 'weight', width: 80 },
          {
            title: t('filings.scoreValue'),
            key: 'score',
            width: 160,
            render: (_, c) => (
              <InputNumber
                min={0}
                max={100}
                value={scores[c.key] ?? null}
                onChange={(v) => setScores((s) => ({ ...s, [c.key]: v }))}
                style={{ width: '100%' }}
                data-testid={`score-${c.key}`}
              />
            ),
          },
        ]}
      />
      <Statistic title={t('filings.weightedTotal')} value={total} precision={2} style={{ margin: '12px 0' }} data-testid="weighted-total" />
      <Input.TextArea
        rows={3}
        maxLength={2000}
        placeholder={t('filings.opinionRequired')}
        value={opinion}
        onChange={(e) => setOpinion(e.target.value)}
        data-testid="score-opinion"
      />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        disabled={!ready}
        loading={tr.isPending}
        data-testid="submit-score"
        onClick={() =>
          tr.mutate(
            { action: 'expert_score', scores: scores as Record<string, number>, comment: opinion.trim() },
            {
              onSuccess: () => void message.success(t('filings.actionOk', { action: t('filings.submitScore') })),
              onError: (err) => void message.error(errorText(err)),
            },
          )
        }
      >
        {t('filings.submitScore')}
      </Button>
      {mine?.scoredAt && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
          {t('filings.scoredAt')}：{formatDateTime(mine.scoredAt)}
        </Typography.Text>
      )}
    </Card>
  );
}

/** 审核决定: a decision per warning the school explained (accept/refuse + reason), 通过 / 不通过 with opinion. */
function DecideCard({ filing }: { filing: FilingDetailDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const tr = useFilingTransition(filing.id);
  const warnings = Object.keys(filing.warningReasons);
  const [decisions, setDecisions] = useState<Record<string, { accepted?: boolean; reason: string }>>({});
  const [comment, setComment] = useState('');
  const allDecided = warnings.every((w) => decisions[w]?.accepted !== undefined && decisions[w]!.reason.trim());
  const refused = warnings.some((w) => decisions[w]?.accepted === false);
  const decide = (action: 'approve' | 'reject') =>
    tr.mutate(
      {
        action,
        ...(comment.trim() && { comment: comment.trim() }),
        warningDecisions: Object.fromEntries(
          warnings.map((w) => [w, { accepted: decisions[w]!.accepted!, reason: decisions[w]!.reason.trim() }]),
        ),
      },
      {
        onSuccess: () =>
          void message.success(t('filings.actionOk', { action: action === 'approve' ? t('filings.approve') : t('filings.reject') })),
        onError: (err) => void message.error(errorText(err)),
      },
    );
  return (
    <Card size="small" title={t('filings.decideTitle')} data-testid="decide-card">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {warnings.map((w) => (
          <Card key={w} size="small" type="inner" title={ruleText(w)}>
            <Typography.Paragraph>
              {t('filings.schoolReason')}：{filing.warningReasons[w]}
            </Typography.Paragraph>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Radio.Group
                value={decisions[w]?.accepted}
                onChange={(e) => setDecisions((d) => ({ ...d, [w]: { reason: d[w]?.reason ?? '', accepted: e.target.value as boolean } }))}
                options={[
                  { value: true, label: t('filings.acceptWarning') },
                  { value: false, label: t('filings.refuseWarning') },
                ]}
                data-testid={`warning-decision-${w}`}
              />
              <Input
                placeholder={t('filings.decisionReasonRequired')}
                value={decisions[w]?.reason ?? ''}
                onChange={(e) => setDecisions((d) => ({ ...d, [w]: { ...d[w], reason: e.target.value } }))}
                data-testid={`warning-decision-reason-${w}`}
              />
            </Space>
          </Card>
        ))}
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder={t('filings.comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="decision-comment"
        />
        {refused && <Alert type="warning" showIcon title={t('filings.refusedCannotApprove')} />}
        <Space>
          <Popconfirm
            title={t('filings.approveConfirm')}
            description={t('filings.approveConfirmText')}
            okText={t('filings.approve')}
            cancelText={t('common.cancel')}
            disabled={!allDecided || refused}
            onConfirm={() => decide('approve')}
            okButtonProps={{ 'data-testid': 'approve-confirm-ok' } as never}
            cancelButtonProps={{ 'data-testid': 'approve-confirm-cancel' } as never}
          >
            <Button type="primary" disabled={!allDecided || refused} loading={tr.isPending} data-testid="action-approve">
              {t('filings.approve')}
            </Button>
          </Popconfirm>
          <Button
            danger
            disabled={!allDecided || !comment.trim()}
            loading={tr.isPending}
            onClick={() => decide('reject')}
            data-testid="action-reject"
          >
            {t('filings.reject')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

/** The province's view of the experts (assignment and the score table): shown full width, the table needs room. */
export function showsExperts(filing: FilingDetailDto): boolean {
  const has = (a: FilingAction) => filing.allowedActions.includes(a);
  return filing.expertAssignments !== null && !has('expert_score') && (has('assign_experts') || filing.expertAssignments.length > 0);
}

/** Every reviewer action the server allows on this filing (allowedActions); the experts' table is ExpertsCard. */
export function ReviewPanel({ filing }: { filing: FilingDetailDto }) {
  const { t } = useTranslation();
  const has = (a: FilingAction) => filing.allowedActions.includes(a);
  const anySimple = has('accept_for_review') || has('municipal_approve') || has('municipal_return') || has('return');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {anySimple && (
        <Card size="small" title={t('filings.actionsTitle')} data-testid="review-actions">
          <SimpleActions filing={filing} />
        </Card>
      )}
      {has('expert_score') && <ScoreCard filing={filing} />}
      {(has('approve') || has('reject')) && <DecideCard filing={filing} />}
    </Space>
  );
}
