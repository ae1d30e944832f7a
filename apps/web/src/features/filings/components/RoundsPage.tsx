import {
  DEFAULT_REVIEW_CRITERIA,
  FILING_ATTACHMENT_KINDS,
  FILING_ATTACHMENT_LABELS,
  FILING_ROUND_TYPES,
  FILING_RULES,
  type CreateFilingRoundRequest,
  type FilingRoundAction,
  type FilingRoundDto,
  type ReviewCriterion,
  type RuleOverrides,
} from '@onex/shared';
import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBatches } from '../../../lib/catalog';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useEffectivePolicies } from '../../../lib/policies';
import { useUser } from '../../../lib/session';
import '../locales';
import { useCreateRound, usePublishRound, useRoundTransition, useRounds, useUpdateRound } from '../api';
import { weightSum } from '../filing-helpers';
import { RoundStatusTag, roundTypeLabel } from './bits';
import { changedParams, paramsFormValue } from '../rule-params';
import { RuleParamsEditor } from './RuleParamsEditor';
import { ExportButton } from '../../../components/ExportButton';

interface RoundFormValues {
  name: string;
  year: number;
  type: FilingRoundDto['type'];
  schoolSubmissionDeadline?: string;
  municipalReviewDeadline?: string;
  provincialReviewDeadline?: string;
  admittedBatchCodes: string[];
  majorCatalogEdition: string;
  reviewCriteria: ReviewCriterion[];
  rules: Record<string, { severity?: 'block' | 'warn'; params?: Record<string, unknown> }>;
  requiredAttachments: string[];
  description?: string;
}

function toValues(r?: FilingRoundDto): Partial<RoundFormValues> {
  const rules: RoundFormValues['rules'] = {};
  for (const rule of FILING_RULES) {
    const o = r?.ruleOverrides[rule.id];
    rules[rule.id] = { severity: o?.severity, params: paramsFormValue(rule, o?.params) };
  }
  if (!r)
    return {
      year: new Date().getFullYear(),
      type: 'centralized',
      majorCatalogEdition: '2021',
      reviewCriteria: [...DEFAULT_REVIEW_CRITERIA],
      requiredAttachments: [...FILING_ATTACHMENT_KINDS],
      admittedBatchCodes: [],
      rules,
    };
  return {
    name: r.name,
    year: r.year,
    type: r.type,
    schoolSubmissionDeadline: r.schoolSubmissionDeadline ?? undefined,
    municipalReviewDeadline: r.municipalReviewDeadline ?? undefined,
    provincialReviewDeadline: r.provincialReviewDeadline ?? undefined,
    admittedBatchCodes: r.admittedBatchCodes,
    majorCatalogEdition: r.majorCatalogEdition,
    reviewCriteria: r.reviewCriteria,
    requiredAttachments: r.requiredAttachments,
    description: r.description ?? undefined,
    rules,
  };
}

/** c1, c2, …: the first free one (keys of saved criteria are kept, scores refer to them). */
export function newCriterionKey(criteria: readonly (ReviewCriterion | undefined)[]): string {
  const taken = new Set(criteria.map((c) => c?.key));
  let i = criteria.length + 1;
  while (taken.has(`c${i}`)) i++;
  return `c${i}`;
}

function DateTimeField({ name, label }: { name: keyof RoundFormValues; label: string }) {
  return (
    <Form.Item
      name={name}
      label={label}
      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
      normalize={(v: Dayjs | null) => (v ? v.toISOString() : undefined)}
    >
      <DatePicker showTime style={{ width: '100%' }} />
    </Form.Item>
  );
}

function RoundDrawer({ round, open, onClose }: { round?: FilingRoundDto; open: boolean; onClose: () => void }) {
  // The rules of the province's own documents and the nation's, each with its citation (issue 18 #0); a rule only a
  // school's own document gives applies to that school only.
  const user = useUser();
  const provinceRules = useEffectivePolicies({ provinceCode: round?.provinceCode ?? user.scope.provinceCode }, open);
  const sourceOf = (id: string) => provinceRules.data?.filingRules.find((r) => r.id === id)?.source;
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [form] = Form.useForm<RoundFormValues>();
  const create = useCreateRound();
  const update = useUpdateRound();
  const batches = useBatches();
  const criteria = Form.useWatch('reviewCriteria', form) as (ReviewCriterion | undefined)[] | undefined;
  const sum = weightSum(criteria ?? []);

  const finish = (v: RoundFormValues) => {
    const overrides: RuleOverrides = {};
    for (const rule of FILING_RULES) {
      const o = v.rules?.[rule.id];
      if (!o) continue;
      const params = changedParams(rule, o.params);
      if (o.severity || params) overrides[rule.id] = { ...(o.severity && { severity: o.severity }), ...(params && { params }) };
    }
    const body: CreateFilingRoundRequest = {
      name: v.name,
      year: v.year,
      type: v.type,
      schoolSubmissionDeadline: v.schoolSubmissionDeadline ?? null,
      municipalReviewDeadline: v.municipalReviewDeadline ?? null,
      provincialReviewDeadline: v.provincialReviewDeadline ?? null,
      admittedBatchCodes: v.admittedBatchCodes,
      majorCatalogEdition: v.majorCatalogEdition,
      reviewCriteria: v.reviewCriteria,
      ruleOverrides: overrides,
      requiredAttachments: v.requiredAttachments as CreateFilingRoundRequest['requiredAttachments'],
      description: v.description?.trim() ? v.description.trim() : null,
    };
    const done = {
      onSuccess: () => {
        void message.success(t('rounds.savedOk'));
        onClose();
      },
      onError: (err: unknown) => {
        if (!showFieldErrors(form, err)) void message.error(errorText(err));
      },
    };
    if (round) update.mutate({ id: round.id, body }, done);
    else create.mutate(body, done);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={820}
      title={round ? `${t('rounds.edit')}：${round.name}` : t('rounds.create')}
      destroyOnHidden
      extra={
        <Button type="primary" onClick={() => form.submit()} loading={create.isPending || update.isPending} data-testid="round-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form<RoundFormValues> form={form} layout="vertical" initialValues={toValues(round)} onFinish={finish}>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('rounds.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="year" label={t('rounds.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="type" label={t('rounds.type')} rules={[{ required: true }]}>
              <Radio.Group options={FILING_ROUND_TYPES.map((ty) => ({ value: ty, label: roundTypeLabel(ty, lang) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="majorCatalogEdition" label={t('rounds.catalogEdition')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={16} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <DateTimeField name="schoolSubmissionDeadline" label={t('rounds.schoolDeadline')} />
          </Col>
          <Col span={8}>
            <DateTimeField name="municipalReviewDeadline" label={t('rounds.municipalDeadline')} />
          </Col>
          <Col span={8}>
            <DateTimeField name="provincialReviewDeadline" label={t('rounds.provincialDeadline')} />
          </Col>
        </Row>
        <Form.Item name="admittedBatchCodes" label={t('rounds.admittedBatches')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="multiple" options={(batches.data ?? []).map((b) => ({ value: b.code, label: b.name }))} />
        </Form.Item>
        <Form.Item name="requiredAttachments" label={t('rounds.requiredAttachments')}>
          <Checkbox.Group
            options={FILING_ATTACHMENT_KINDS.map((k) => ({ value: k, label: pickLabel(FILING_ATTACHMENT_LABELS, k, lang) }))}
          />
        </Form.Item>
        <Typography.Title level={5}>{t('rounds.reviewCriteria')}</Typography.Title>
        <Form.List name="reviewCriteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key}>
                  {/* The key is internal (scores are stored under it): generated, never typed. */}
                  <Form.Item name={[f.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Col span={18}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true }]}>
                      <Input placeholder={t('rounds.criterionName')} maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}>
                      <InputNumber placeholder={t('rounds.weight')} min={1} max={100} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Space>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: newCriterionKey(criteria ?? []) })}>
                  {t('rounds.addCriterion')}
                </Button>
                <Typography.Text type={sum === 100 ? 'success' : 'danger'} data-testid="weight-sum">
                  {t('rounds.weightSum', { sum })}
                </Typography.Text>
              </Space>
            </>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('rounds.rules')}
        </Typography.Title>
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={[...FILING_RULES]}
          columns={[
            {
              title: t('rounds.rule'),
              key: 'rule',
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <span>{r.description}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {sourceOf(r.id) ?? t('roundPolicy.schoolOnly')}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('rounds.defaultSeverity'),
              key: 'def',
              width: 70,
              render: (_, r) => (
                <Tag color={r.severity === 'block' ? 'red' : 'gold'}>{r.severity === 'block' ? t('filings.block') : t('filings.warn')}</Tag>
              ),
            },
            {
              title: t('rounds.severity'),
              key: 'sev',
              width: 110,
              render: (_, r) => (
                <Form.Item name={['rules', r.id, 'severity']} style={{ margin: 0 }}>
                  <Select
                    allowClear
                    placeholder={t('rounds.defaultSeverity')}
                    options={[
                      { value: 'block', label: t('filings.block') },
                      { value: 'warn', label: t('filings.warn') },
                    ]}
                  />
                </Form.Item>
              ),
            },
            {
              title: t('rounds.params'),
              key: 'params',
              width: 300,
              render: (_, r) => <RuleParamsEditor rule={r} />,
            },
          ]}
        />
        <Form.Item name="description" label={t('rounds.description')} style={{ marginTop: 16 }}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 备案轮次: the province's rounds, with open / close / reopen, publication of results, and editing. */
export function RoundsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [page, setPage] = useState(1);
  const rounds = useRounds({ page, pageSize: 20 });
  const transition = useRoundTransition();
  const publish = usePublishRound();
  const [editing, setEditing] = useState<FilingRoundDto | 'new' | null>(null);
  const actionLabel: Record<FilingRoundAction, string> = { open: t('rounds.open'), close: t('rounds.close'), reopen: t('rounds.reopen') };

  const columns: TableProps<FilingRoundDto>['columns'] = [
    { title: t('rounds.name'), dataIndex: 'name', key: 'name' },
    { title: t('rounds.year'), dataIndex: 'year', key: 'year', width: 70 },
    { title: t('rounds.type'), key: 'type', width: 100, render: (_, r) => roundTypeLabel(r.type, lang) },
    { title: t('rounds.status'), key: 'status', width: 110, render: (_, r) => <RoundStatusTag status={r.status} /> },
    {
      title: t('rounds.schoolDeadline'),
      key: 'deadline',
      className: 'col-nowrap',
      width: 170,
      render: (_, r) => formatDateTime(r.schoolSubmissionDeadline) || '—',
    },
    { title: t('rounds.admittedBatches'), key: 'batches', render: (_, r) => r.admittedBatchCodes.map((b) => <Tag key={b}>{b}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 300,
      render: (_, r) => (
        <Space wrap size={4}>
          {r.allowedActions.includes('edit') && (
            <Button size="small" onClick={() => setEditing(r)}>
              {t('rounds.edit')}
            </Button>
          )}
          {(['open', 'close', 'reopen'] as const)
            .filter((a) => r.allowedActions.includes(a))
            .map((a) => (
              <Popconfirm
                key={a}
                title={`${actionLabel[a]}：${r.name}？`}
                onConfirm={() =>
                  transition.mutate(
                    { id: r.id, action: a },
                    {
                      onSuccess: () => void message.success(t('rounds.transitionOk', { action: actionLabel[a] })),
                      onError: (err) => void message.error(errorText(err)),
                    },
                  )
                }
              >
                <Button size="small">{actionLabel[a]}</Button>
              </Popconfirm>
            ))}
          <Button size="small" icon={<DownloadOutlined />} href={`/api/v1/filing-rounds/${r.id}/summary.xlsx`} data-testid="export-summary">
            {t('rounds.exportSummary')}
          </Button>
          {r.allowedActions.includes('publish') && (
            <Popconfirm
              title={t('rounds.publishConfirm')}
              onConfirm={() =>
                publish.mutate(r.id, {
                  onSuccess: (d) => void message.success(t('rounds.publishedOk', { n: d.published })),
                  onError: (err) => void message.error(errorText(err)),
                })
              }
            >
              <Button size="small" type="primary" data-testid="publish-round">
                {t('rounds.publish')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('rounds.title')}
        </Typography.Title>
        <Space>
          <ExportButton path="/filing-rounds" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-round">
            {t('rounds.create')}
          </Button>
        </Space>
      </Space>
      {rounds.error ? <Alert type="error" showIcon title={errorText(rounds.error)} /> : null}
      <Table<FilingRoundDto>
        rowKey="id"
        loading={rounds.isFetching}
        columns={columns}
        dataSource={rounds.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{ current: page, pageSize: 20, total: rounds.data?.total ?? 0, onChange: setPage }}
        data-testid="rounds-table"
      />
      <RoundDrawer
        open={editing !== null}
        round={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
    </Space>
  );
}
