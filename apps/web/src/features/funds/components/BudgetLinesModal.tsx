import { FUND_CATEGORIES, FUND_CATEGORY_RULES, type BudgetAdjustmentDto, type BudgetDto, type FundCategory } from '@onex/shared';
import { App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { type BudgetLine, useApprovedPilots, useCreateBudget, useProposeAdjustment, useUpdateAdjustment, useUpdateLines } from '../api';
import '../locales';

const yuanToFen = (y: number | null | undefined) => Math.round((y ?? 0) * 100);

/**
 * What the editor does: draft a budget for an approved pilot and year, edit a draft's or returned budget's lines,
 * propose a budget adjustment of an approved budget, or edit a returned adjustment.
 */
export type LinesEdit =
  | { mode: 'create' }
  | { mode: 'edit'; budget: BudgetDto }
  | { mode: 'adjust'; budget: BudgetDto }
  | { mode: 'editAdjustment'; budget: BudgetDto; adjustment: BudgetAdjustmentDto };

type Values = { filingId?: string; year?: number; reason?: string } & Partial<Record<FundCategory, number | null>>;

/** The budget-line editor (R4.5): one line per category, each with the clause that names it (categories are data). */
export function BudgetLinesModal({ edit, onClose }: { edit: LinesEdit; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const pilots = useApprovedPilots(edit.mode === 'create');
  const create = useCreateBudget();
  const update = useUpdateLines();
  const propose = useProposeAdjustment();
  const updateAdj = useUpdateAdjustment();
  const pending = create.isPending || update.isPending || propose.isPending || updateAdj.isPending;
  const budget = edit.mode === 'create' ? null : edit.budget;
  const adjusting = edit.mode === 'adjust' || edit.mode === 'editAdjustment';

  const initialLines: BudgetLine[] =
    edit.mode === 'editAdjustment'
      ? edit.adjustment.lines
      : budget
        ? budget.lines.map((l) => ({ category: l.category, amountFen: l.budgetFen }))
        : [];
  const initial: Values = {
    year: new Date().getFullYear(),
    ...Object.fromEntries(initialLines.map((l) => [l.category, l.amountFen / 100])),
    ...(edit.mode === 'editAdjustment' ? { reason: edit.adjustment.reason } : {}),
  };
  const values = Form.useWatch([], form) as Values | undefined;
  const totalFen = FUND_CATEGORIES.reduce((s, c) => s + yuanToFen(values?.[c] ?? initial[c]), 0);

  const title = {
    create: t('funds.newBudget'),
    edit: t('funds.editor.editLines'),
    adjust: t('funds.editor.adjust'),
    editAdjustment: t('funds.editor.editAdjustment'),
  }[edit.mode];

  const ok = () => (void message.success(t('common.savedOk')), onClose());
  const fail = (e: unknown) => void message.error(errorText(e));
  const submit = (v: Values) => {
    const lines = FUND_CATEGORIES.filter((c) => (v[c] ?? 0) > 0).map((c) => ({ category: c, amountFen: yuanToFen(v[c]) }));
    if (!lines.length) return void message.error(t('funds.editor.atLeastOne'));
    const reason = v.reason ?? '';
    const opts = { onSuccess: ok, onError: fail };
    if (edit.mode === 'create') create.mutate({ filingId: v.filingId!, year: v.year!, lines }, opts);
    else if (edit.mode === 'edit') update.mutate({ id: edit.budget.id, lines }, opts);
    else if (edit.mode === 'adjust') propose.mutate({ budgetId: edit.budget.id, lines, reason }, opts);
    else updateAdj.mutate({ id: edit.adjustment.id, lines, reason }, opts);
  };

  return (
    <Modal
      open
      title={budget ? `${title} · ${budget.filing.certificateTypeName} · ${budget.year}` : title}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(submit)}
      okText={t('funds.editor.save')}
      okButtonProps={{ 'data-testid': 'budget-lines-save' }}
      confirmLoading={pending}
      width={640}
    >
      <Typography.Paragraph type="secondary">
        {edit.mode === 'create' ? t('funds.onlyApproved') : adjusting ? t('funds.editor.adjustIntro') : t('funds.editor.editIntro')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('funds.editor.chain')}：{t('funds.editor.chainSteps')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial}>
        {edit.mode === 'create' ? (
          <>
            <Form.Item name="filingId" label={t('funds.pilot')} rules={[{ required: true }]}>
              <Select
                options={(pilots.data ?? []).map((f) => ({ value: f.id, label: `${f.certificateTypeName}（${f.departmentName}）` }))}
                data-testid="budget-pilot"
              />
            </Form.Item>
            <Form.Item name="year" label={t('funds.year')} rules={[{ required: true }]}>
              <InputNumber min={2019} max={2100} data-testid="budget-year" />
            </Form.Item>
          </>
        ) : null}
        {FUND_CATEGORIES.map((c) => {
          const line = budget?.lines.find((l) => l.category === c);
          return (
            <Form.Item
              key={c}
              name={c}
              label={`${t(`funds.category.${c}`)}（${t('funds.yuan')}）`}
              extra={
                <span data-testid={`budget-clause-${c}`}>
                  {t('funds.editor.clauseOf', { clause: FUND_CATEGORY_RULES[c].source.clause })}
                  {adjusting && line
                    ? ` · ${t('funds.editor.current', { budget: formatFen(line.budgetFen), spent: formatFen(line.spentFen) })}`
                    : ''}
                </span>
              }
            >
              <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid={`budget-line-${c}`} />
            </Form.Item>
          );
        })}
        {adjusting ? (
          <Form.Item
            name="reason"
            label={t('funds.editor.reason')}
            rules={[{ required: true, min: 2, whitespace: true, message: t('funds.editor.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="adjustment-reason" />
          </Form.Item>
        ) : null}
      </Form>
      <Typography.Text strong data-testid="budget-lines-total">
        {t('funds.editor.total')}：{formatFen(totalFen)}
      </Typography.Text>
    </Modal>
  );
}
