import {
  ACCOUNT_OPENED_VIA_LABELS,
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationAction,
  CERTIFICATE_LEVEL_LABELS,
  CONVERSION_REFUSAL_LABELS,
  COURSE_CATEGORY_LABELS,
  type ConversionApplicationDto,
  type ConversionItemDto,
  type CreditBucketDto,
  type ExemptionDto,
  type LearningAccountDetailDto,
  type LedgerEntryDto,
  OUTCOME_SOURCE_KIND_LABELS,
  OUTCOME_TYPE_LABELS,
  RULE_SHAPE_LABELS,
} from '@onex/shared';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useLearners } from '../../../lib/learners';
import { fileUrl, useApplicationTransition, useReverse } from '../api';
import { type EntryTag, entryTags, formatCredits, liveEntries, sortItems, withSelectedOption } from '../credit-helpers';

interface LearnerOption {
  value: string;
  label: string;
}

/** A learner of the school, searched on the server (`name · major · masked ID number`); the chosen one stays labelled. */
export function LearnerPicker({
  value,
  onChange,
  width,
  testId,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  width: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<LearnerOption | null>(null);
  const learners = useLearners({ page: 1, pageSize: 20, q: search.trim() || undefined });
  const options = withSelectedOption(
    (learners.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name} · ${l.major?.name ?? ''} · ${l.idNumberMasked}` })),
    value ? chosen : null,
  );
  return (
    <Select<string, LearnerOption>
      showSearch
      filterOption={false}
      onSearch={setSearch}
      loading={learners.isFetching}
      style={{ width }}
      placeholder={t('creditBank.previewPick')}
      value={value ?? undefined}
      options={options}
      data-testid={testId}
      onChange={(id, option) => {
        setChosen(option && !Array.isArray(option) ? { value: option.value, label: option.label } : null);
        onChange(id ?? null);
      }}
    />
  );
}

const TAG_COLORS: Record<EntryTag, string> = {
  valid: 'green',
  revoked: 'red',
  reversed: 'default',
  reversal: 'orange',
  used: 'blue',
  fromConversion: 'purple',
};

function EntryTags({ entry }: { entry: LedgerEntryDto }) {
  const { t } = useTranslation();
  const label: Record<EntryTag, string> = {
    valid: t('creditBank.stateValid'),
    revoked: t('creditBank.stateRevoked'),
    reversed: t('creditBank.reversed'),
    reversal: t('creditBank.reversal'),
    used: t('creditBank.used'),
    fromConversion: t('creditBank.fromConversion'),
  };
  return (
    <Space size={4} wrap>
      {entryTags(entry).map((tag) => (
        <Tag key={tag} color={TAG_COLORS[tag]} data-testid={`entry-tag-${tag}`}>
          {label[tag]}
        </Tag>
      ))}
    </Space>
  );
}

function levelText(level: string | null, lang: 'zh-CN' | 'en-US'): string {
  if (!level) return '';
  return level in CERTIFICATE_LEVEL_LABELS ? pickLabel(CERTIFICATE_LEVEL_LABELS, level, lang) : level;
}

/** The ledger of an account: outcomes in force by default, the whole history (reversals) on demand. */
function EntriesTable({ entries, testId = 'entries-table' }: { entries: LedgerEntryDto[]; testId?: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [all, setAll] = useState(false);
  const [reversing, setReversing] = useState<LedgerEntryDto | null>(null);
  const rows = all ? entries : liveEntries(entries);
  const hasHistory = entries.length !== liveEntries(entries).length;
  return (
    <>
      {hasHistory && (
        <div style={{ marginBottom: 8 }}>
          <Button size="small" type="link" onClick={() => setAll((v) => !v)} data-testid="entries-history">
            {all ? t('common.collapse') : t('common.expand')} · {t('creditBank.reversal')}
          </Button>
        </div>
      )}
      <Table<LedgerEntryDto>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 1000 }}
        data-testid={testId}
        columns={[
          { title: t('creditBank.type'), key: 'type', width: 120, render: (_, e) => pickLabel(OUTCOME_TYPE_LABELS, e.type, lang) },
          {
            title: t('creditBank.name'),
            key: 'name',
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <span>{e.name}</span>
                {e.certificate && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('creditBank.certificateNumber')} {e.certificate.number}
                    {e.certificate.revokedOn ? ` · ${t('creditBank.revokedOn', { date: e.certificate.revokedOn })}` : ''}
                  </Typography.Text>
                )}
                {e.note && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.note}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('creditBank.levelGrade'), key: 'level', width: 100, render: (_, e) => levelText(e.level, lang) },
          { title: t('creditBank.credits'), key: 'credits', width: 70, align: 'right', render: (_, e) => formatCredits(e.credits) },
          { title: t('creditBank.hours'), key: 'hours', width: 70, align: 'right', render: (_, e) => formatCredits(e.hours) },
          { title: t('creditBank.recordedOn'), dataIndex: 'recordedOn', key: 'recordedOn', width: 110 },
          {
            title: t('creditBank.source'),
            key: 'source',
            width: 200,
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <span>{e.source}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {pickLabel(OUTCOME_SOURCE_KIND_LABELS, e.sourceKind, lang)}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('creditBank.state'), key: 'state', width: 150, render: (_, e) => <EntryTags entry={e} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_, e) => (
              <Space size={0}>
                {e.evidenceFileId && (
                  <Button type="link" size="small" href={fileUrl(e.evidenceFileId)} download>
                    {t('creditBank.evidence')}
                  </Button>
                )}
                {e.mayReverse && (
                  <Button type="link" size="small" danger onClick={() => setReversing(e)} data-testid={`reverse-${e.id}`}>
                    {t('creditBank.reverse')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ReverseModal entry={reversing} onClose={() => setReversing(null)} />
    </>
  );
}

function ReverseModal({ entry, onClose }: { entry: LedgerEntryDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const reverse = useReverse();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={!!entry}
      title={t('creditBank.reverseTitle')}
      onCancel={onClose}
      okText={t('creditBank.reverse')}
      okButtonProps={{ danger: true, loading: reverse.isPending, 'data-testid': 'reverse-ok' } as never}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('creditBank.reverseIntro')}</Typography.Paragraph>
      <Typography.Paragraph strong>
        {entry?.name} · {formatCredits(entry?.credits)} {t('creditBank.credits')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          entry &&
          reverse.mutate(
            { id: entry.id, reason: v.reason.trim() },
            {
              onSuccess: () => {
                form.resetFields();
                void message.success(t('creditBank.reversed'));
                onClose();
              },
              onError: (err) => void message.error(errorText(err)),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('creditBank.reverseReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('creditBank.reverseReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="reverse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function BucketTable({ title, rows, label }: { title: string; rows: CreditBucketDto[]; label: (key: string) => string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title}>
      <Table<CreditBucketDto>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: title, key: 'key', render: (_, b) => label(b.key) },
          { title: t('creditBank.count'), dataIndex: 'count', key: 'count', width: 70, align: 'right' },
          { title: t('creditBank.credits'), key: 'credits', width: 80, align: 'right', render: (_, b) => formatCredits(b.credits) },
        ]}
      />
    </Card>
  );
}

function ExemptionsTable({ rows }: { rows: ExemptionDto[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <Table<ExemptionDto>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('creditBank.noExemptions') }}
      data-testid="exemptions-table"
      columns={[
        {
          title: t('creditBank.course'),
          key: 'course',
          render: (_, x) => (
            <Space orientation="vertical" size={0}>
              <span>
                {x.course.name}（{x.course.code}）
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.school.name}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t('creditBank.category'),
          key: 'category',
          width: 130,
          render: (_, x) => pickLabel(COURSE_CATEGORY_LABELS, x.course.category, lang),
        },
        { title: t('creditBank.credits'), key: 'credits', width: 70, align: 'right', render: (_, x) => formatCredits(x.credits) },
        { title: t('creditBank.grade'), dataIndex: 'grade', key: 'grade', width: 80 },
        {
          title: t('creditBank.rule'),
          key: 'rule',
          render: (_, x) => (
            <Space orientation="vertical" size={0}>
              <span>
                {x.rule.code} {x.rule.name}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('creditBank.basedOn')}：{x.outcomeNames.join('、')}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('creditBank.grantedOn'), dataIndex: 'grantedOn', key: 'grantedOn', width: 110 },
      ]}
    />
  );
}

/** An account: holder, totals (R7.3), then outcomes, accumulation by source/type/year, and exemptions. */
export function AccountView({
  account,
  extraTabs = [],
  actions,
}: {
  account: LearningAccountDetailDto;
  extraTabs?: { key: string; label: string; children: ReactNode }[];
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const s = account.summary;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered data-testid="account-holder">
        <Descriptions.Item label={t('creditBank.holder')}>{account.holderName}</Descriptions.Item>
        <Descriptions.Item label={t('creditBank.idMasked')}>
          <span style={{ fontFamily: 'monospace' }}>{account.holderIdMasked}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('creditBank.school')}>{account.school?.name ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('creditBank.openedVia')}>
          {pickLabel(ACCOUNT_OPENED_VIA_LABELS, account.openedVia, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('creditBank.openedAt')}>{formatDateTime(account.openedAt).slice(0, 10)}</Descriptions.Item>
      </Descriptions>
      {actions}
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('creditBank.totalCredits')}
              value={formatCredits(s.totalCredits)}
              suffix={<span style={{ fontSize: 14 }}>{t('creditBank.creditsSuffix', { n: s.outcomeCount })}</span>}
              data-testid="stat-total"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Tooltip title={t('creditBank.unusedHint')}>
              <Statistic
                title={t('creditBank.unusedCredits')}
                value={formatCredits(s.unusedCredits)}
                suffix={<span style={{ fontSize: 14 }}>{t('creditBank.creditsSuffix', { n: s.unusedCount })}</span>}
                data-testid="stat-unused"
              />
            </Tooltip>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('creditBank.usedCredits')}
              value={formatCredits(s.usedCredits)}
              suffix={<span style={{ fontSize: 14 }}>{t('creditBank.credits')}</span>}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('creditBank.convertedCredits')}
              value={formatCredits(s.convertedCredits)}
              suffix={<span style={{ fontSize: 14 }}>{t('creditBank.credits')}</span>}
            />
          </Card>
        </Col>
      </Row>
      <Tabs
        items={[
          { key: 'outcomes', label: t('creditBank.tabOutcomes'), children: <EntriesTable entries={account.entries} /> },
          {
            key: 'summary',
            label: t('creditBank.tabSummary'),
            children: (
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <BucketTable
                    title={t('creditBank.bySource')}
                    rows={s.bySource}
                    label={(k) => pickLabel(OUTCOME_SOURCE_KIND_LABELS, k, lang)}
                  />
                </Col>
                <Col xs={24} md={8}>
                  <BucketTable title={t('creditBank.byType')} rows={s.byType} label={(k) => pickLabel(OUTCOME_TYPE_LABELS, k, lang)} />
                </Col>
                <Col xs={24} md={8}>
                  <BucketTable title={t('creditBank.byYear')} rows={s.byYear} label={(k) => k} />
                </Col>
              </Row>
            ),
          },
          { key: 'exemptions', label: t('creditBank.tabExemptions'), children: <ExemptionsTable rows={account.exemptions} /> },
          ...extraTabs,
        ]}
      />
    </Space>
  );
}

/** The platform's proposal: allowed conversions first, each refusal with its reason and explanation. */
export function ItemsTable({
  items,
  showStatus = false,
  testId = 'items-table',
}: {
  items: ConversionItemDto[];
  showStatus?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <Table<ConversionItemDto>
      rowKey={(i) => i.id ?? `${i.rule.id}:${i.course.id}`}
      size="small"
      pagination={false}
      dataSource={sortItems(items)}
      data-testid={testId}
      columns={[
        {
          title: t('creditBank.rule'),
          key: 'rule',
          width: 200,
          render: (_, i) => (
            <Space orientation="vertical" size={0}>
              <span>{i.rule.code}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {pickLabel(RULE_SHAPE_LABELS, i.rule.shape, lang)}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t('creditBank.course'),
          key: 'course',
          render: (_, i) => (
            <Space orientation="vertical" size={0}>
              <span>
                {i.course.name}（{i.course.code}）
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.outcomes.map((o) => o.name).join('、')}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('creditBank.credits'), key: 'credits', width: 70, align: 'right', render: (_, i) => formatCredits(i.credits) },
        { title: t('creditBank.grade'), dataIndex: 'grade', key: 'grade', width: 70 },
        {
          title: t('creditBank.verdict'),
          key: 'verdict',
          width: 130,
          render: (_, i) =>
            i.verdict === 'allowed' ? (
              <Tag color="green">{t('creditBank.allowed')}</Tag>
            ) : (
              <Tag color="red" data-testid={`refusal-${i.reason}`}>
                {pickLabel(CONVERSION_REFUSAL_LABELS, i.reason, lang)}
              </Tag>
            ),
        },
        { title: t('creditBank.explanation'), dataIndex: 'explanation', key: 'explanation' },
        ...(showStatus
          ? [
              {
                title: t('creditBank.itemStatus'),
                key: 'status',
                width: 90,
                render: (_: unknown, i: ConversionItemDto) =>
                  i.status === 'approved' ? (
                    <Tag color="green">{pickLabel(APPLICATION_STATUS_LABELS, 'approved', lang)}</Tag>
                  ) : i.status === 'refused' ? (
                    <Tag>{pickLabel(APPLICATION_STATUS_LABELS, 'refused', lang)}</Tag>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}

const STATUS_COLORS = { submitted: 'processing', approved: 'success', refused: 'error', withdrawn: 'default' } as const;

/** Applications with their items; the buttons are exactly the actions the server allows the viewer. */
export function ApplicationsTable({
  rows,
  loading,
  pagination,
  showLearner = true,
}: {
  rows: ConversionApplicationDto[];
  loading?: boolean;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (page: number, pageSize: number) => void };
  showLearner?: boolean;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const transition = useApplicationTransition();
  const [refusing, setRefusing] = useState<ConversionApplicationDto | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const act = (a: ConversionApplicationDto, action: ApplicationAction, comment?: string) =>
    transition.mutate(
      { id: a.id, action, comment },
      {
        onSuccess: () => {
          void message.success(pickLabel(APPLICATION_ACTION_LABELS, action, lang));
          setRefusing(null);
          form.resetFields();
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );

  return (
    <>
      <Table<ConversionApplicationDto>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        data-testid="applications-table"
        pagination={pagination ?? false}
        expandable={{
          expandedRowRender: (a) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <ItemsTable items={a.items} showStatus testId={`items-${a.id}`} />
              {a.decisionReason && (
                <Typography.Text>
                  {t('creditBank.decisionReason')}：{a.decisionReason}
                </Typography.Text>
              )}
              {a.note && (
                <Typography.Text type="secondary">
                  {t('creditBank.note')}：{a.note}
                </Typography.Text>
              )}
            </Space>
          ),
        }}
        columns={[
          ...(showLearner
            ? [
                {
                  title: t('creditBank.learner'),
                  key: 'learner',
                  render: (_: unknown, a: ConversionApplicationDto) => (
                    <Space orientation="vertical" size={0}>
                      <span>{a.learner.name}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
                        {a.learner.idNumberMasked}
                      </Typography.Text>
                    </Space>
                  ),
                },
              ]
            : []),
          {
            title: t('creditBank.school'),
            key: 'school',
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                <span>{a.school.name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.major.name}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('creditBank.applicationNo'), dataIndex: 'appliedOn', key: 'appliedOn', width: 110 },
          {
            title: t('creditBank.appliedVia'),
            key: 'via',
            width: 110,
            render: (_, a) => (a.appliedVia === 'learner' ? t('creditBank.viaLearner') : t('creditBank.viaSchool')),
          },
          {
            title: t('creditBank.credits'),
            key: 'credits',
            width: 110,
            render: (_, a) => (a.status === 'approved' ? formatCredits(a.approvedCredits) : formatCredits(a.allowedCredits)),
          },
          {
            title: t('creditBank.status'),
            key: 'status',
            width: 100,
            render: (_, a) => (
              <Tag color={STATUS_COLORS[a.status]} data-testid={`application-status-${a.id}`}>
                {pickLabel(APPLICATION_STATUS_LABELS, a.status, lang)}
              </Tag>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            render: (_, a) => (
              <Space size={0} wrap>
                {a.allowedActions.includes('approve') && (
                  <Button
                    type="link"
                    size="small"
                    data-testid={`approve-${a.id}`}
                    onClick={() =>
                      void modal.confirm({
                        title: t('creditBank.approve'),
                        content: t('creditBank.approveConfirm'),
                        okText: t('creditBank.approve'),
                        cancelText: t('common.cancel'),
                        onOk: () => act(a, 'approve'),
                      })
                    }
                  >
                    {t('creditBank.approve')}
                  </Button>
                )}
                {a.allowedActions.includes('refuse') && (
                  <Button type="link" size="small" danger onClick={() => setRefusing(a)} data-testid={`refuse-${a.id}`}>
                    {t('creditBank.refuse')}
                  </Button>
                )}
                {a.allowedActions.includes('withdraw') && (
                  <Popconfirm
                    title={t('creditBank.withdrawConfirm')}
                    okText={t('common.ok')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => act(a, 'withdraw')}
                  >
                    <Button type="link" size="small" data-testid={`withdraw-${a.id}`}>
                      {t('creditBank.withdraw')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!refusing}
        title={t('creditBank.refuse')}
        onCancel={() => setRefusing(null)}
        okText={t('creditBank.refuse')}
        okButtonProps={{ danger: true, loading: transition.isPending }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => refusing && act(refusing, 'refuse', v.reason.trim())}>
          <Form.Item
            name="reason"
            label={t('creditBank.refuseReason')}
            rules={[{ required: true, whitespace: true, message: t('creditBank.refuseReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="refuse-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
