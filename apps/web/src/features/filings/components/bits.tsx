import {
  FILING_ACTION_LABELS,
  FILING_ATTACHMENT_KINDS,
  FILING_ATTACHMENT_LABELS,
  FILING_ROUND_STATUS_LABELS,
  FILING_ROUND_TYPE_LABELS,
  FILING_STATUS_LABELS,
  type FilingAttachmentDto,
  type FilingAttachmentKind,
  type FilingEventDto,
  type FilingRoundDto,
  type FilingRoundStatus,
  type FilingStatus,
  type RuleReportDto,
} from '@onex/shared';
import { CheckCircleFilled, CloseCircleFilled, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Input, Space, Table, Tag, Timeline, Typography, Upload, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { roleLabel, useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUploadAttachment } from '../api';
import { FILING_STATUS_COLORS, formatCountdown, formatSize, serverClockOffset, shortSha } from '../filing-helpers';

/** The status; once published, with the outcome beside it (结果已公布 · 通过 / 不通过), so nobody opens it to learn it. */
export function FilingStatusTag({ status, decision }: { status: FilingStatus; decision?: 'approved' | 'rejected' | null }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const tag = (
    <Tag color={FILING_STATUS_COLORS[status]} data-testid="filing-status">
      {pickLabel(FILING_STATUS_LABELS, status, lang)}
    </Tag>
  );
  if (status !== 'published' || !decision) return tag;
  return (
    <Space size={0}>
      {tag}
      <Tag color={decision === 'approved' ? 'green' : 'red'} data-testid="filing-outcome">
        {t(decision === 'approved' ? 'filings.outcomeApproved' : 'filings.outcomeRejected')}
      </Tag>
    </Space>
  );
}

const ROUND_STATUS_COLORS: Record<FilingRoundStatus, string> = {
  draft: 'default',
  open: 'green',
  closed: 'orange',
  results_published: 'purple',
};

export function RoundStatusTag({ status }: { status: FilingRoundStatus }) {
  const { lang } = useLang();
  return <Tag color={ROUND_STATUS_COLORS[status]}>{pickLabel(FILING_ROUND_STATUS_LABELS, status, lang)}</Tag>;
}

export function roundTypeLabel(type: FilingRoundDto['type'], lang: 'zh-CN' | 'en-US') {
  return pickLabel(FILING_ROUND_TYPE_LABELS, type, lang);
}

/** A live countdown to the round's school deadline on the server's clock, or “日常备案，全年开放”. */
export function RoundCountdown({ round }: { round: FilingRoundDto }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  // The server's clock: the offset is taken once per answer of the server (round.now).
  const [offset] = useState(() => serverClockOffset(round.now, Date.now()));
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now() + offset), 1000);
    return () => window.clearInterval(timer);
  }, [offset]);
  if (round.type === 'rolling') return <Tag color="green">{t('filings.rollingOpen')}</Tag>;
  const deadline = round.schoolSubmissionDeadline;
  const left = deadline ? formatCountdown(deadline, now, lang) : null;
  if (!left) return <Tag color="red">{t('filings.deadlinePassed')}</Tag>;
  return (
    <Space size={4} data-testid="round-countdown">
      <Typography.Text type="secondary">{t('filings.deadlineLeft')}</Typography.Text>
      <Typography.Text strong style={{ color: '#cf1322', fontVariantNumeric: 'tabular-nums' }}>
        {left}
      </Typography.Text>
      <Typography.Text type="secondary">（{formatDateTime(deadline)}）</Typography.Text>
    </Space>
  );
}

type RuleRow = RuleReportDto['results'][number];

/**
 * The rule report: severity 阻止/提醒, pass/fail, message and source clause. With `reasons`, each failed warning
 * gets a reason input (submission); with `given`, the school's reasons are shown (review).
 */
export function RuleReportTable({
  report,
  reasons,
  onReason,
  given,
}: {
  report: RuleReportDto;
  reasons?: Record<string, string>;
  onReason?: (ruleId: string, value: string) => void;
  given?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const columns: TableProps<RuleRow>['columns'] = [
    {
      title: t('filings.severity'),
      dataIndex: 'severity',
      key: 'severity',
      width: 80,
      render: (s: RuleRow['severity']) => (
        <Tag color={s === 'block' ? 'red' : 'gold'}>{s === 'block' ? t('filings.block') : t('filings.warn')}</Tag>
      ),
    },
    {
      title: t('filings.result'),
      dataIndex: 'passed',
      key: 'passed',
      width: 90,
      render: (p: boolean) =>
        p ? (
          <Space size={4}>
            <CheckCircleFilled style={{ color: '#389e0d' }} />
            {t('filings.passed')}
          </Space>
        ) : (
          <Space size={4}>
            <CloseCircleFilled style={{ color: '#cf1322' }} />
            {t('filings.failed')}
          </Space>
        ),
    },
    {
      title: t('filings.message'),
      key: 'message',
      render: (_, r) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Text type={r.passed ? undefined : r.severity === 'block' ? 'danger' : 'warning'}>{r.message}</Typography.Text>
          {!r.passed && r.severity === 'warn' && reasons && onReason && (
            <Input.TextArea
              rows={2}
              maxLength={1000}
              placeholder={t('filings.warningReasonRequired')}
              value={reasons[r.ruleId] ?? ''}
              onChange={(e) => onReason(r.ruleId, e.target.value)}
              status={reasons[r.ruleId]?.trim() ? undefined : 'warning'}
              data-testid={`warning-reason-${r.ruleId}`}
            />
          )}
          {given?.[r.ruleId] && (
            <Typography.Text type="secondary">
              {t('filings.schoolReason')}：{given[r.ruleId]}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('filings.clause'),
      dataIndex: 'source',
      key: 'source',
      width: 260,
      render: (s: string) => <Typography.Text type="secondary">{s}</Typography.Text>,
    },
  ];
  return (
    <Table<RuleRow>
      rowKey="ruleId"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={report.results}
      data-testid="rule-report"
      rowClassName={(r) => (r.passed ? '' : 'rule-failed')}
    />
  );
}

/** Every step of the filing: who (name, role), when, action and opinion. */
export function FilingTimeline({ events }: { events: readonly FilingEventDto[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('filings.noTimeline')} />;
  return (
    <Timeline
      data-testid="filing-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: e.toStatus === 'returned' || e.toStatus === 'rejected' ? 'red' : e.toStatus === 'published' ? 'purple' : 'blue',
        content: (
          <div>
            <Space size="small" wrap>
              <Typography.Text strong>{pickLabel(FILING_ACTION_LABELS, e.action, lang)}</Typography.Text>
              <FilingStatusTag status={e.toStatus} />
              <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
            </Space>
            <div>
              <Typography.Text>
                {e.actorName ?? t('common.none')}
                {e.actorRole ? `（${roleLabel(e.actorRole, lang)}）` : ''}
              </Typography.Text>
            </div>
            {e.opinion && <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{e.opinion}</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}

interface AttachmentRow {
  kind: FilingAttachmentKind;
  required: boolean;
  current?: FilingAttachmentDto;
}

/** The four attachments of 000 §二(二): required ones marked, file name, size, SHA-256 (short), download, upload. */
export function AttachmentsTable({
  filingId,
  attachments,
  required,
  editable,
}: {
  filingId: string;
  attachments: readonly FilingAttachmentDto[];
  required: readonly FilingAttachmentKind[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useUploadAttachment(filingId);
  const [busy, setBusy] = useState<FilingAttachmentKind | null>(null);
  const rows: AttachmentRow[] = FILING_ATTACHMENT_KINDS.map((kind) => ({
    kind,
    required: required.includes(kind),
    current: attachments.find((a) => a.kind === kind),
  }));
  const columns: TableProps<AttachmentRow>['columns'] = [
    {
      title: t('filings.kind'),
      key: 'kind',
      render: (_, r) => (
        <Space size={4} wrap>
          {pickLabel(FILING_ATTACHMENT_LABELS, r.kind, lang)}
          <Tag color={r.required ? 'red' : 'default'}>{r.required ? t('filings.requiredTag') : t('filings.optionalTag')}</Tag>
        </Space>
      ),
    },
    {
      title: t('filings.fileName'),
      key: 'file',
      render: (_, r) =>
        r.current ? (
          <Space size={4} wrap>
            <FilePdfOutlined style={{ color: '#cf1322' }} />
            <a href={r.current.downloadUrl} download={r.current.fileName} data-testid={`attachment-link-${r.kind}`}>
              {r.current.fileName}
            </a>
            <Tag>{t('filings.version', { v: r.current.version })}</Tag>
          </Space>
        ) : (
          <Typography.Text type={r.required ? 'danger' : 'secondary'}>{t('filings.notUploaded')}</Typography.Text>
        ),
    },
    { title: t('filings.size'), key: 'size', width: 90, render: (_, r) => (r.current ? formatSize(r.current.size) : '') },
    {
      title: t('filings.sha'),
      key: 'sha',
      width: 130,
      render: (_, r) =>
        r.current ? (
          <Typography.Text code title={r.current.sha256}>
            {shortSha(r.current.sha256)}
          </Typography.Text>
        ) : (
          ''
        ),
    },
    {
      title: t('filings.uploadedAt'),
      key: 'at',
      className: 'col-nowrap',
      width: 160,
      render: (_, r) => formatDateTime(r.current?.uploadedAt),
    },
  ];
  if (editable)
    columns.push({
      title: t('common.actions'),
      key: 'upload',
      width: 150,
      render: (_, r) => (
        <Upload
          accept="application/pdf,.pdf"
          showUploadList={false}
          beforeUpload={(file) => {
            if (!file.name.toLowerCase().endsWith('.pdf') && file.type !== 'application/pdf') {
              void message.error(t('filings.pdfOnly'));
              return Upload.LIST_IGNORE;
            }
            setBusy(r.kind);
            upload.mutate(
              { kind: r.kind, file },
              {
                onSuccess: (a) => void message.success(t('filings.uploadedOk', { name: a.fileName })),
                onError: (err) => void message.error(errorText(err)),
                onSettled: () => setBusy(null),
              },
            );
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={busy === r.kind} data-testid={`upload-${r.kind}`}>
            {r.current ? t('filings.reupload') : t('filings.upload')}
          </Button>
        </Upload>
      ),
    });
  return <Table<AttachmentRow> rowKey="kind" size="small" pagination={false} columns={columns} dataSource={rows} scroll={{ x: 800 }} />;
}
