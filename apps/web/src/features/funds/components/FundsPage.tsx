import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  FUND_CATEGORIES,
  type BudgetAdjustmentDto,
  type BudgetDto,
  type FundCategory,
  type FundEntryDto,
  type FundSummaryRowDto,
} from '@onex/shared';
import {
  Alert,
  App,
  Upload,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { ApiError } from '../../../lib/api';
import {
  type IncomeForm,
  type SpendingForm,
  useAdjustmentAction,
  useBudgetAction,
  useBudgets,
  uploadEvidence,
  useOverdueSettlements,
  useEntries,
  useFundSummary,
  useRecordIncome,
  useRecordSpending,
  useReverse,
} from '../api';
import '../locales';
import { BudgetLinesModal, type LinesEdit } from './BudgetLinesModal';

const yuanToFen = (y: number | null | undefined) => Math.round((y ?? 0) * 100);

/** 专项经费 (R4.5): budgets with the approval chain, the ledger of an approved budget, and the summary by category. */
export function FundsPage() {
  const { t } = useTranslation();
  const me = useUser();
  const budgets = useBudgets();
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<LinesEdit | null>(null);
  const canCreate = me.role === 'school_admin' || me.role === 'department_admin';
  const schoolId = me.scope.schoolId;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{t('funds.title')}</Typography.Title>
          <Space>
            {me.role === 'school_admin' && schoolId ? (
              <>
                <Button icon={<DownloadOutlined />} href={`/api/v1/schools/${schoolId}/fund-report.xlsx`} data-testid="fund-report-xlsx">
                  {t('funds.reportXlsx')}
                </Button>
                <Button icon={<DownloadOutlined />} href={`/api/v1/schools/${schoolId}/fund-report.pdf`}>
                  {t('funds.reportPdf')}
                </Button>
              </>
            ) : null}
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="new-budget">
                {t('funds.newBudget')}
              </Button>
            ) : null}
          </Space>
        </div>
        <Typography.Paragraph type="secondary">{t('funds.intro')}</Typography.Paragraph>
        <OverdueAlert />
        <Tabs
          items={[
            {
              key: 'budgets',
              label: t('funds.budgets'),
              children: <BudgetTable rows={budgets.data ?? []} loading={budgets.isLoading} onOpen={setOpen} onEdit={setEditing} />,
            },
            {
              key: 'summary',
              label: t('funds.summary'),
              children: <SummaryTabs province={me.role === 'province_admin' || me.role === 'national_admin'} />,
            },
          ]}
        />
      </Card>
      {editing ? <BudgetLinesModal edit={editing} onClose={() => setEditing(null)} /> : null}
      <LedgerDrawer budget={(budgets.data ?? []).find((b) => b.id === open) ?? null} onClose={() => setOpen(null)} />
    </Space>
  );
}

function CategoryTag({ c }: { c: FundCategory | null }) {
  const { t } = useTranslation();
  return c ? <Tag>{t(`funds.category.${c}`)}</Tag> : null;
}

/** One step of the chain of 001 第十三条 on a budget or an adjustment; a return asks for the comment. */
function useChainStep() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const budgetAct = useBudgetAction();
  const adjustmentAct = useAdjustmentAction();
  return (target: 'budget' | 'adjustment', id: string, action: string) => {
    const m = target === 'budget' ? budgetAct : adjustmentAct;
    const go = (comment?: string) =>
      m.mutate(
        { id, action, ...(comment ? { comment } : {}) },
        { onSuccess: () => void message.success(t('common.savedOk')), onError: (e) => void message.error(errorText(e)) },
      );
    if (action !== 'return') return go();
    let comment = '';
    modal.confirm({
      title: t('funds.action.return'),
      content: (
        <Input.TextArea onChange={(e) => (comment = e.target.value)} placeholder={t('funds.comment')} data-testid="return-comment" />
      ),
      onOk: () => go(comment),
    });
  };
}

const CHAIN_STEPS = ['submit', 'department_approve', 'academic_approve', 'leader_approve', 'return'];

function BudgetTable({
  rows,
  loading,
  onOpen,
  onEdit,
}: {
  rows: BudgetDto[];
  loading: boolean;
  onOpen: (id: string) => void;
  onEdit: (e: LinesEdit) => void;
}) {
  const { t } = useTranslation();
  const step = useChainStep();
  const run = (b: BudgetDto, action: string) => step('budget', b.id, action);
  const columns: TableProps<BudgetDto>['columns'] = [
    { title: t('funds.pilot'), key: 'pilot', render: (_, b) => `${b.school.name} · ${b.filing.certificateTypeName}` },
    { title: t('funds.year'), dataIndex: 'year', key: 'year', width: 80 },
    {
      title: t('funds.status'),
      key: 'status',
      width: 140,
      render: (_, b) => <Tag color={b.status === 'approved' ? 'green' : 'blue'}>{t(`funds.budgetStatus.${b.status}`)}</Tag>,
    },
    { title: t('funds.budget'), key: 'budget', align: 'right', render: (_, b) => formatFen(b.totalBudgetFen) },
    { title: t('funds.spent'), key: 'spent', align: 'right', render: (_, b) => formatFen(b.spentFen) },
    { title: t('funds.income'), key: 'income', align: 'right', render: (_, b) => formatFen(b.incomeFen) },
    { title: t('funds.balance'), key: 'balance', align: 'right', render: (_, b) => formatFen(b.balanceFen) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, b) => (
        <Space wrap>
          <Button size="small" type="link" onClick={() => onOpen(b.id)} data-testid={`open-ledger-${b.id}`}>
            {t('funds.ledger')}
          </Button>
          {b.allowedActions.includes('edit') ? (
            <Button size="small" onClick={() => onEdit({ mode: 'edit', budget: b })} data-testid={`budget-edit-${b.id}`}>
              {t('funds.editor.editLines')}
            </Button>
          ) : null}
          {b.allowedActions
            .filter((a) => CHAIN_STEPS.includes(a))
            .map((a) => (
              <Button key={a} size="small" onClick={() => run(b, a)} data-testid={`budget-${a}-${b.id}`}>
                {t(`funds.action.${a}`)}
              </Button>
            ))}
          {b.allowedActions.includes('adjust') ? (
            <Button size="small" onClick={() => onEdit({ mode: 'adjust', budget: b })} data-testid={`budget-adjust-${b.id}`}>
              {t('funds.editor.adjust')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Table<BudgetDto>
      rowKey="id"
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={false}
      expandable={{
        expandedRowRender: (b) => (
          <Space orientation="vertical">
            <Space wrap>
              {b.lines.map((l) => (
                <span key={l.category}>
                  <CategoryTag c={l.category} /> {formatFen(l.spentFen)} / {formatFen(l.budgetFen)}
                </span>
              ))}
            </Space>
            <Typography.Text type="secondary">
              {t('funds.editor.chain')}：{t('funds.editor.chainSteps')}
            </Typography.Text>
            <Typography.Text type="secondary">{eventsText(b.events)}</Typography.Text>
            {b.adjustments.length ? (
              <AdjustmentList budget={b} onEdit={onEdit} onStep={(id, a) => step('adjustment', id, a)} eventsText={eventsText} />
            ) : null}
          </Space>
        ),
      }}
    />
  );
  function eventsText(events: BudgetDto['events']) {
    return (
      events.map((e) => `${t(`funds.action.${e.action}`)}：${e.actor}${e.comment ? `（${e.comment}）` : ''}`).join(' → ') ||
      t('funds.noEvents')
    );
  }
}

/** The budget's adjustments: new lines, reason, status and steps, with the actions the actor may take. */
function AdjustmentList({
  budget,
  onEdit,
  onStep,
  eventsText,
}: {
  budget: BudgetDto;
  onEdit: (e: LinesEdit) => void;
  onStep: (id: string, action: string) => void;
  eventsText: (events: BudgetDto['events']) => string;
}) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" data-testid={`adjustments-${budget.id}`}>
      <Typography.Text strong>{t('funds.editor.adjustments')}</Typography.Text>
      {budget.adjustments.map((a: BudgetAdjustmentDto) => (
        <Space key={a.id} orientation="vertical" size={2} data-testid={`adjustment-${a.id}`}>
          <Space wrap>
            <Tag
              color={a.status === 'approved' ? 'green' : a.status === 'returned' ? 'orange' : 'blue'}
              data-testid={`adjustment-status-${a.id}`}
            >
              {t(`funds.budgetStatus.${a.status}`)}
            </Tag>
            {a.lines.map((l) => (
              <span key={l.category}>
                <CategoryTag c={l.category} /> {formatFen(l.amountFen)}
              </span>
            ))}
            <Typography.Text type="secondary">{a.reason}</Typography.Text>
          </Space>
          <Typography.Text type="secondary">{eventsText(a.events)}</Typography.Text>
          <Space wrap>
            {a.allowedActions.includes('edit') ? (
              <Button
                size="small"
                onClick={() => onEdit({ mode: 'editAdjustment', budget, adjustment: a })}
                data-testid={`adjustment-edit-${a.id}`}
              >
                {t('funds.editor.editAdjustment')}
              </Button>
            ) : null}
            {a.allowedActions
              .filter((x) => CHAIN_STEPS.includes(x))
              .map((x) => (
                <Button key={x} size="small" onClick={() => onStep(a.id, x)} data-testid={`adjustment-${x}-${a.id}`}>
                  {t(`funds.action.${x}`)}
                </Button>
              ))}
          </Space>
        </Space>
      ))}
    </Space>
  );
}

function LedgerDrawer({ budget, onClose }: { budget: BudgetDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const entries = useEntries(budget?.id ?? null);
  const spend = useRecordSpending(budget?.id ?? '');
  const income = useRecordIncome(budget?.id ?? '');
  const reverse = useReverse();
  const [sf] = Form.useForm<Omit<SpendingForm, 'amountFen' | 'date'> & { amount: number; date: { format(f: string): string } }>();
  const [inf] = Form.useForm<Omit<IncomeForm, 'amountFen' | 'date'> & { amount: number; date: { format(f: string): string } }>();
  const canRecord = budget?.allowedActions.includes('record') ?? false;
  const [evidence, setEvidence] = useState<{ id: string; name: string } | null>(null);
  const fail = (e: unknown) => {
    const clause = e instanceof ApiError && typeof e.details.clause === 'string' ? e.details.clause : null;
    void modal.error({
      title: t('funds.refused'),
      content: (
        <div data-testid="fund-refusal">
          <Typography.Paragraph>{errorText(e)}</Typography.Paragraph>
          {clause ? (
            <Typography.Paragraph type="secondary" data-testid="fund-refusal-clause">
              {t('funds.editor.refusedClause', { clause })}
            </Typography.Paragraph>
          ) : null}
        </div>
      ),
    });
  };

  const columns: TableProps<FundEntryDto>['columns'] = [
    { title: t('funds.date'), dataIndex: 'date', key: 'date', width: 110 },
    {
      title: t('funds.kind'),
      key: 'kind',
      width: 150,
      render: (_, e) => (e.kind === 'spending' ? <CategoryTag c={e.category} /> : <Tag>{t(`funds.entryKind.${e.kind}`)}</Tag>),
    },
    { title: t('funds.counterparty'), dataIndex: 'counterparty', key: 'cp' },
    { title: t('funds.purpose'), key: 'purpose', render: (_, e) => (e.reason ? `${e.purpose}（${e.reason}）` : e.purpose) },
    { title: t('funds.amount'), key: 'amount', align: 'right', width: 140, render: (_, e) => formatFen(e.amountFen) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, e) =>
        canRecord && e.kind !== 'reversal' && !e.reversedBy ? (
          <Button
            size="small"
            type="link"
            data-testid={`reverse-${e.id}`}
            onClick={() => {
              let reason = '';
              modal.confirm({
                title: t('funds.reverse'),
                content: (
                  <Input.TextArea
                    onChange={(ev) => (reason = ev.target.value)}
                    placeholder={t('funds.reason')}
                    data-testid="reverse-reason"
                  />
                ),
                onOk: () => reverse.mutateAsync({ id: e.id, reason }).catch(fail),
              });
            }}
          >
            {t('funds.reverse')}
          </Button>
        ) : e.reversedBy ? (
          <Tag>{t('funds.reversed')}</Tag>
        ) : null,
    },
  ];

  return (
    <Drawer
      open={Boolean(budget)}
      onClose={onClose}
      size="large"
      width={960}
      title={budget ? `${budget.school.name} · ${budget.filing.certificateTypeName} · ${budget.year}` : ''}
    >
      {budget ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="ledger-balance">
            {t('funds.balance')}：{formatFen(budget.balanceFen)} · {t('funds.spent')}：{formatFen(budget.spentFen)} /{' '}
            {formatFen(budget.totalBudgetFen)}
          </Typography.Text>
          {canRecord ? (
            <Tabs
              items={[
                {
                  key: 'spend',
                  label: t('funds.recordSpending'),
                  children: (
                    <Form
                      form={sf}
                      layout="inline"
                      onFinish={(v) =>
                        spend.mutate(
                          {
                            category: v.category,
                            amountFen: yuanToFen(v.amount),
                            date: v.date.format('YYYY-MM-DD'),
                            payee: v.payee,
                            purpose: v.purpose,
                            ...(evidence ? { evidenceFileId: evidence.id } : {}),
                          },
                          {
                            onSuccess: () => (void message.success(t('common.savedOk')), sf.resetFields(), setEvidence(null)),
                            onError: fail,
                          },
                        )
                      }
                    >
                      <Form.Item name="category" rules={[{ required: true }]}>
                        <Select
                          style={{ width: 150 }}
                          placeholder={t('funds.categoryLabel')}
                          options={budget.lines.map((l) => ({ value: l.category, label: t(`funds.category.${l.category}`) }))}
                          data-testid="spend-category"
                        />
                      </Form.Item>
                      <Form.Item name="amount" rules={[{ required: true }]}>
                        <InputNumber min={0.01} precision={2} placeholder={t('funds.yuan')} data-testid="spend-amount" />
                      </Form.Item>
                      <Form.Item name="date" rules={[{ required: true }]}>
                        <DatePicker data-testid="spend-date" />
                      </Form.Item>
                      <Form.Item name="payee" rules={[{ required: true }]}>
                        <Input placeholder={t('funds.payee')} data-testid="spend-payee" />
                      </Form.Item>
                      <Form.Item name="purpose" rules={[{ required: true }]}>
                        <Input placeholder={t('funds.purpose')} style={{ width: 260 }} data-testid="spend-purpose" />
                      </Form.Item>
                      <Upload
                        accept="application/pdf,image/png,image/jpeg"
                        showUploadList={false}
                        beforeUpload={(file) => {
                          uploadEvidence(budget.id, file).then(setEvidence, fail);
                          return false;
                        }}
                      >
                        <Button icon={<UploadOutlined />}>{evidence ? evidence.name : t('funds.editor.evidence')}</Button>
                      </Upload>
                      <Button type="primary" htmlType="submit" loading={spend.isPending} data-testid="spend-submit">
                        {t('common.submit')}
                      </Button>
                    </Form>
                  ),
                },
                {
                  key: 'income',
                  label: t('funds.recordIncome'),
                  children: (
                    <Form
                      form={inf}
                      layout="inline"
                      onFinish={(v) =>
                        income.mutate(
                          {
                            source: v.source,
                            amountFen: yuanToFen(v.amount),
                            date: v.date.format('YYYY-MM-DD'),
                            remitter: v.remitter,
                            purpose: v.purpose,
                          },
                          { onSuccess: () => (void message.success(t('common.savedOk')), inf.resetFields()), onError: fail },
                        )
                      }
                    >
                      <Form.Item name="source" rules={[{ required: true }]}>
                        <Select
                          style={{ width: 200 }}
                          options={(['exam_service_fee', 'provincial_allocation'] as const).map((s) => ({
                            value: s,
                            label: t(`funds.incomeSource.${s}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name="amount" rules={[{ required: true }]}>
                        <InputNumber min={0.01} precision={2} placeholder={t('funds.yuan')} />
                      </Form.Item>
                      <Form.Item name="date" rules={[{ required: true }]}>
                        <DatePicker />
                      </Form.Item>
                      <Form.Item name="remitter" rules={[{ required: true }]}>
                        <Input placeholder={t('funds.remitter')} />
                      </Form.Item>
                      <Form.Item name="purpose" rules={[{ required: true }]}>
                        <Input placeholder={t('funds.purpose')} />
                      </Form.Item>
                      <Button type="primary" htmlType="submit" loading={income.isPending}>
                        {t('common.submit')}
                      </Button>
                    </Form>
                  ),
                },
              ]}
            />
          ) : (
            <Typography.Text type="secondary">{t('funds.notRecordable')}</Typography.Text>
          )}
          <Table<FundEntryDto>
            rowKey="id"
            size="small"
            loading={entries.isLoading}
            dataSource={entries.data ?? []}
            columns={columns}
            pagination={false}
            data-testid="ledger"
          />
        </Space>
      ) : null}
    </Drawer>
  );
}

function SummaryTabs({ province }: { province: boolean }) {
  const { t } = useTranslation();
  const levels = province ? (['province', 'school', 'pilot'] as const) : (['school', 'pilot'] as const);
  return <Tabs size="small" items={levels.map((l) => ({ key: l, label: t(`funds.level.${l}`), children: <SummaryTable level={l} /> }))} />;
}

function SummaryTable({ level }: { level: 'pilot' | 'school' | 'province' }) {
  const { t } = useTranslation();
  const rows = useFundSummary(level);
  const columns: TableProps<FundSummaryRowDto>['columns'] = [
    { title: t(`funds.level.${level}`), dataIndex: 'label', key: 'label' },
    { title: t('funds.year'), dataIndex: 'year', key: 'year', width: 80 },
    ...FUND_CATEGORIES.map((c) => ({
      title: t(`funds.category.${c}`),
      key: c,
      align: 'right' as const,
      render: (_: unknown, r: FundSummaryRowDto) => {
        const l = r.lines.find((x) => x.category === c);
        return l ? `${formatFen(l.spentFen)} / ${formatFen(l.budgetFen)}` : '';
      },
    })),
    { title: t('funds.income'), key: 'income', align: 'right', render: (_, r) => formatFen(r.incomeFen) },
    { title: t('funds.balance'), key: 'balance', align: 'right', render: (_, r) => formatFen(r.balanceFen) },
  ];
  return (
    <Table<FundSummaryRowDto>
      rowKey={(r) => `${r.key}-${r.year}`}
      size="small"
      loading={rows.isLoading}
      dataSource={rows.data ?? []}
      columns={columns}
      pagination={false}
    />
  );
}

/** Exam fees still open past the configured days after the exam (002 三.5), for the school and its province. */
function OverdueAlert() {
  const { t } = useTranslation();
  const overdue = useOverdueSettlements();
  const items = overdue.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('funds.overdue', { days: overdue.data!.days, count: items.length })}
      description={items
        .slice(0, 10)
        .map((i) => `${i.school.name} · ${i.certificateTypeName} · ${i.examDate} · ${formatFen(i.dueFen)}`)
        .join('；')}
      data-testid="overdue-settlements"
    />
  );
}
