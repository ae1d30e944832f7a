import { type AnnualPlanDto, type AnnualPlanEntryDto } from '@onex/shared';
import { CopyOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Empty,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useUser } from '../../../lib/session';
import { levelLabel } from '../../../lib/catalog';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useErrorText } from '../../../lib/useErrorText';
import { usePolicyText } from '../../../lib/policies';
import { useAnnualPlans, useFiling, usePutAnnualPlan } from '../api';
import {
  PLAN_STATE_COLORS,
  canCarry,
  candidatesTotal,
  filingPlanRows,
  planFormRows,
  planRowsBody,
  planState,
  planYears,
  previousPlanOf,
  toYear,
  type PlanFormRow,
  type PlanState,
  type PreviousPlan,
  type SeedRow,
} from '../annual-plan-helpers';
import { ExportButton } from '../../../components/ExportButton';

const STATE_KEYS: Record<Exclude<PlanState, 'ended'>, string> = {
  new: 'annualPlans.stateNew',
  carry_forward: 'annualPlans.stateCarry',
  discontinue: 'annualPlans.stateDiscontinue',
  not_filed: 'annualPlans.stateNotFiled',
};

function PlanStateTag({ entry }: { entry: AnnualPlanEntryDto }) {
  const { t } = useTranslation();
  const state = planState(entry);
  const label = state === 'ended' ? t('annualPlans.stateEnded', { year: entry.pilotEndedYear }) : t(STATE_KEYS[state] as never);
  return (
    <Tag color={PLAN_STATE_COLORS[state]} data-testid="plan-state">
      {label}
    </Tag>
  );
}

/** A plan's rows: major, level, 拟考证人数. */
function PlanRowsTable({ rows }: { rows: readonly { majorName: string; level: string | null; plannedCandidates: number }[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(r) => `${r.majorName}/${r.level ?? ''}`}
      dataSource={[...rows]}
      columns={[
        { title: t('annualPlans.major'), dataIndex: 'majorName' },
        { title: t('annualPlans.level'), key: 'level', render: (_, r) => (r.level ? levelLabel(r.level, lang) : '—') },
        { title: t('annualPlans.candidates'), dataIndex: 'plannedCandidates', align: 'right', width: 140 },
      ]}
    />
  );
}

/** Last year's plan for reference: the plan filed for it, or (the year after approval) the filing's own plan. */
function PreviousPlanView({ prev, year }: { prev: PreviousPlan; year: number }) {
  const { t } = useTranslation();
  const filing = useFiling(prev.kind === 'filing' ? prev.filingId : undefined);
  if (prev.kind === 'none') return <Typography.Text type="secondary">{t('annualPlans.lastYearNone')}</Typography.Text>;
  if (prev.kind === 'plan')
    return (
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('annualPlans.lastYearPlan', {
            year: year - 1,
            mode: t(STATE_KEYS[prev.plan.mode] as never),
            n: prev.plan.plannedCandidates,
          })}
        </Typography.Text>
        {prev.plan.rows.length > 0 && <PlanRowsTable rows={prev.plan.rows} />}
      </Space>
    );
  if (filing.isLoading) return <Spin size="small" />;
  if (!filing.data) return <Typography.Text type="secondary">{t('annualPlans.lastYearNone')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('annualPlans.lastYearFiling', { year: year - 1 })}</Typography.Text>
      <PlanRowsTable rows={filingPlanRows(filing.data)} />
    </Space>
  );
}

/** This year's plan and last year's, side by side (the expanded row). */
function PlanDetail({ entry, prev }: { entry: AnnualPlanEntryDto; prev: PreviousPlan }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: 16 }} data-testid="plan-detail">
      <div>
        <Typography.Text strong>{t('annualPlans.thisYear', { year: entry.year })}</Typography.Text>
        <div style={{ marginTop: 6 }}>
          {entry.plan && entry.plan.rows.length > 0 ? <PlanRowsTable rows={entry.plan.rows} /> : <PlanStateTag entry={entry} />}
        </div>
      </div>
      <div>
        <Typography.Text strong>{t('annualPlans.lastYear')}</Typography.Text>
        <div style={{ marginTop: 6 }}>
          <PreviousPlanView prev={prev} year={entry.year} />
        </div>
      </div>
    </div>
  );
}

/** 填报新计划: one row per major and level with 拟考证人数, prefilled from this year's plan or last year's. */
function NewPlanModal({
  entry,
  seed,
  seedFilingId,
  onClose,
}: {
  entry: AnnualPlanEntryDto | null;
  seed: readonly SeedRow[];
  /** The year after approval: prefill from the filing's own plan (申请培训人数), loaded here. */
  seedFilingId?: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const put = usePutAnnualPlan();
  const [rows, setRows] = useState<PlanFormRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [openedFor, setOpenedFor] = useState<string | null>(null);
  const [seededFrom, setSeededFrom] = useState<string | null>(null);
  // (Re)fill the rows when the modal opens for an entry.
  if (entry && openedFor !== entry.filingId) {
    setOpenedFor(entry.filingId);
    setRows(planFormRows(entry, seed));
    setSeededFrom(null);
    setError(null);
  }
  if (!entry && openedFor !== null) setOpenedFor(null);
  // The filing's plan arrives after opening: fill the rows nobody has typed in yet.
  const seedFiling = useFiling(seedFilingId);
  if (entry && seedFiling.data && seededFrom !== seedFiling.data.id && rows.length && rows.every((r) => r.plannedCandidates === null)) {
    setSeededFrom(seedFiling.data.id);
    setRows(planFormRows(entry, filingPlanRows(seedFiling.data)));
  }

  const ok = () => {
    if (!entry) return;
    const body = planRowsBody(rows);
    if (!body.length) {
      setError(t('annualPlans.rowsRequired'));
      return;
    }
    put.mutate(
      { filingId: entry.filingId, year: entry.year, body: { mode: 'new', rows: body } },
      {
        onSuccess: () => {
          void message.success(t('annualPlans.savedOk', { year: entry.year }));
          onClose();
        },
        onError: (err) => setError(errorText(err)),
      },
    );
  };

  return (
    <Modal
      open={entry !== null}
      width={720}
      title={entry ? t('annualPlans.formTitle', { year: entry.year, name: entry.certificateTypeName }) : ''}
      onCancel={onClose}
      onOk={ok}
      okText={t('common.save')}
      okButtonProps={{ loading: put.isPending, 'data-testid': 'plan-save' } as never}
      destroyOnHidden
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Table<PlanFormRow>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          data-testid="plan-form-table"
          columns={[
            { title: t('annualPlans.major'), dataIndex: 'majorName' },
            { title: t('annualPlans.level'), key: 'level', render: (_, r) => (r.level ? levelLabel(r.level, lang) : '—') },
            {
              title: t('annualPlans.candidates'),
              key: 'n',
              width: 180,
              render: (_, r, i) => (
                <InputNumber
                  min={0}
                  max={100000}
                  precision={0}
                  style={{ width: '100%' }}
                  value={r.plannedCandidates}
                  onChange={(v) => setRows((rs) => rs.map((x) => (x.key === r.key ? { ...x, plannedCandidates: v ?? null } : x)))}
                  data-testid={`plan-candidates-${i}`}
                />
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">{t('annualPlans.total', { n: candidatesTotal(rows) })}</Typography.Text>
        {error && <Alert type="error" showIcon title={error} data-testid="plan-error" />}
      </Space>
    </Modal>
  );
}

/**
 * 年度计划 (R3.8): the approved pilots of earlier years with the plan of the chosen year; the school files a new
 * plan, carries last year's forward or discontinues the pilot; the province sees its schools' plans read-only.
 */
export function AnnualPlansPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const user = useUser();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const asked = toYear(params.get('year'));
  const plans = useAnnualPlans(asked);
  const year = plans.data?.year ?? asked;
  const lastYear = useAnnualPlans(year === undefined ? undefined : year - 1, year !== undefined);
  const put = usePutAnnualPlan();
  const [filing, setFiling] = useState<{ entry: AnnualPlanEntryDto; seed: AnnualPlanDto['rows'] } | null>(null);
  const school = user.role === 'school_admin';
  const planHint = usePolicyText('annual_plan_hint', t('annualPlans.hint'), { own: school });
  const items = plans.data?.items ?? [];
  const prevOf = (e: AnnualPlanEntryDto) => previousPlanOf(e, lastYear.data?.items);
  const currentYear = new Date().getFullYear();

  const carry = (e: AnnualPlanEntryDto) =>
    put.mutate(
      { filingId: e.filingId, year: e.year, body: { mode: 'carry_forward' } },
      {
        onSuccess: () => void message.success(t('annualPlans.carriedOk')),
        onError: (err) => void message.error(errorText(err)),
      },
    );

  const discontinue = (e: AnnualPlanEntryDto) =>
    modal.confirm({
      title: t('annualPlans.discontinueConfirmTitle', { name: e.certificateTypeName }),
      content: t('annualPlans.discontinueConfirm'),
      okText: t('annualPlans.discontinue'),
      okButtonProps: { danger: true, 'data-testid': 'plan-discontinue-ok' } as never,
      onOk: () =>
        put
          .mutateAsync({ filingId: e.filingId, year: e.year, body: { mode: 'discontinue' } })
          .then(() => void message.success(t('annualPlans.discontinuedOk')))
          .catch((err: unknown) => void message.error(errorText(err))),
    });

  const openNew = (e: AnnualPlanEntryDto) => {
    const prev = prevOf(e);
    // Refiling starts from this year's rows; a first plan from last year's (or the filing's own plan rows).
    const seed = e.plan && e.plan.mode !== 'discontinue' ? e.plan.rows : prev.kind === 'plan' ? prev.plan.rows : [];
    setFiling({ entry: e, seed });
  };

  const columns: TableProps<AnnualPlanEntryDto>['columns'] = [
    {
      title: t('annualPlans.certificate'),
      key: 'certificate',
      width: 220,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/filings/${e.filingId}`} data-testid="plan-filing-link">
            {e.certificateTypeName}
          </Link>
          <Space size={2} wrap>
            {e.levels.map((l) => (
              <Tag key={l} color="blue">
                {levelLabel(l, lang)}
              </Tag>
            ))}
          </Space>
        </Space>
      ),
    },
    ...(school ? [] : [{ title: t('annualPlans.school'), dataIndex: 'schoolName', key: 'school', width: 180 }]),
    { title: t('annualPlans.department'), dataIndex: 'departmentName', key: 'department' },
    { title: t('annualPlans.filingYear'), dataIndex: 'filingYear', key: 'filingYear', width: 90, align: 'center' },
    {
      title: t('annualPlans.state'),
      key: 'state',
      width: 200,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <PlanStateTag entry={e} />
          {e.plan && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('annualPlans.updatedAt')} {formatDateTime(e.plan.updatedAt)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('annualPlans.planned'),
      key: 'planned',
      width: 110,
      align: 'right',
      render: (_, e) => (e.plan && e.plan.mode !== 'discontinue' ? e.plan.plannedCandidates : '—'),
    },
    ...(school
      ? [
          {
            title: t('annualPlans.actions'),
            key: 'actions',
            width: 300,
            render: (_: unknown, e: AnnualPlanEntryDto) => {
              if (!e.canFile) return <Typography.Text type="secondary">—</Typography.Text>;
              const prev = prevOf(e);
              const carryOk = canCarry(prev) && !lastYear.isLoading;
              return (
                <Space size={4} wrap>
                  <Button size="small" type="primary" icon={<EditOutlined />} onClick={() => openNew(e)} data-testid="plan-new">
                    {e.plan ? t('annualPlans.refile') : t('annualPlans.fileNew')}
                  </Button>
                  <Tooltip title={carryOk ? undefined : t('annualPlans.carryDisabled')}>
                    <Popconfirm title={t('annualPlans.carryConfirm', { year: e.year })} onConfirm={() => carry(e)} disabled={!carryOk}>
                      <Button size="small" icon={<CopyOutlined />} disabled={!carryOk} loading={put.isPending} data-testid="plan-carry">
                        {t('annualPlans.carry')}
                      </Button>
                    </Popconfirm>
                  </Tooltip>
                  <Button size="small" danger icon={<StopOutlined />} onClick={() => discontinue(e)} data-testid="plan-discontinue">
                    {t('annualPlans.discontinue')}
                  </Button>
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  const prevForModal = filing ? prevOf(filing.entry) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="annual-plans-title">
          {t('annualPlans.title')}
        </Typography.Title>
        <Space>
          <Typography.Text>{t('annualPlans.year')}</Typography.Text>
          <Select<number>
            style={{ width: 120 }}
            value={year}
            onChange={(y) => setParams({ year: String(y) }, { replace: true })}
            options={planYears(Math.max(currentYear, year ?? currentYear)).map((y) => ({
              value: y,
              label: t('annualPlans.yearOption', { year: y }),
            }))}
            data-testid="plan-year"
          />
          <ExportButton path="/annual-plans" query={{ year }} />
        </Space>
      </Space>
      <Alert type="info" showIcon title={school ? planHint : t('annualPlans.readOnlyHint')} />
      {plans.error ? <Alert type="error" showIcon title={errorText(plans.error)} /> : null}
      <Table<AnnualPlanEntryDto>
        rowKey="filingId"
        loading={plans.isFetching}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="annual-plans-table"
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('annualPlans.none', { year: year ?? '' })} />,
        }}
        expandable={{ expandedRowRender: (e) => <PlanDetail entry={e} prev={prevOf(e)} /> }}
      />
      {school && (
        <NewPlanModal
          entry={filing?.entry ?? null}
          seed={filing?.seed ?? []}
          seedFilingId={filing && !filing.seed.length && prevForModal?.kind === 'filing' ? prevForModal.filingId : undefined}
          onClose={() => setFiling(null)}
        />
      )}
    </Space>
  );
}
