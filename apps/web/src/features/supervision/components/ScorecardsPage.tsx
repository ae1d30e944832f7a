import { SCORECARD_WEIGHTS, type ScorecardDto, type ScorecardPart } from '@onex/shared';
import { Alert, Card, Descriptions, Form, InputNumber, Progress, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { FilterActions } from '../../../components/FilterActions';
import { useSession } from '../../../lib/session';
import { useErrorText } from '../../../lib/useErrorText';
import { useScorecards } from '../api';
import '../locales-inspections';

const PARTS = Object.keys(SCORECARD_WEIGHTS) as ScorecardPart[];
type Kind = 'school' | 'organization';

/** The weights as data, in words: what each part is worth and how it is earned. */
function WeightText({ part }: { part: ScorecardPart }) {
  const { t } = useTranslation();
  const w = SCORECARD_WEIGHTS[part];
  return (
    <>
      {t(`scorecards.parts.${part}`)}（{t('scorecards.weight', { weight: w.weight })}
      {'penalty' in w ? `，${t('scorecards.penalty', { penalty: w.penalty })}` : ''}）
    </>
  );
}

function factText(t: TFunction, part: ScorecardPart, f: ScorecardDto['facts']) {
  if (part === 'passRate') return t('scorecards.examined', { examined: f.examined, passed: f.passed });
  if (part === 'reportsOnTime') return t('scorecards.reports', { due: f.reportsDue, onTime: f.reportsOnTime });
  if (part === 'findings') return t('scorecards.findingsFact', { n: f.findings });
  return t('scorecards.complaintsFact', { n: f.complaints });
}

/** How a part earns its points, from SCORECARD_WEIGHTS. */
function ruleText(t: TFunction, part: ScorecardPart) {
  const w = SCORECARD_WEIGHTS[part];
  if ('penalty' in w) return t('scorecards.rulePenalty', { weight: w.weight, penalty: w.penalty, what: t(`scorecards.parts.${part}`) });
  return t(part === 'passRate' ? 'scorecards.rulePassRate' : 'scorecards.ruleReports', { weight: w.weight });
}

/** One scorecard's sum: the counted parts over their weights, scaled to 100. */
function sumText(t: TFunction, c: ScorecardDto) {
  const counted = PARTS.filter((p) => c.parts[p] !== null && c.parts[p] !== undefined);
  if (counted.length === 0) return t('scorecards.noScore');
  const earned = counted.map((p) => c.parts[p]).join(' + ');
  const possible = counted.map((p) => SCORECARD_WEIGHTS[p].weight).reduce((a, b) => a + b, 0);
  return `(${earned}) ÷ ${possible} × 100 = ${c.score}`;
}

/** 监督评价 (R8.7): yearly scorecards of the schools in scope (province) or of evaluation organizations (national). */
export function ScorecardsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { user } = useSession();
  const national = user?.role === 'national_admin';
  const [query, setQuery] = useState<{ kind: Kind; year: number }>({ kind: 'school', year: new Date().getFullYear() });
  const [form] = Form.useForm<{ kind: Kind; year: number }>();
  const cards = useScorecards(query.kind, query.year);
  const shownParts = query.kind === 'organization' ? PARTS.filter((p) => p === 'passRate' || p === 'complaints') : PARTS;

  const columns: TableProps<ScorecardDto>['columns'] = [
    { title: t('scorecards.name'), dataIndex: 'name', key: 'name', fixed: 'left', width: 220 },
    {
      title: t('scorecards.score'),
      key: 'score',
      width: 200,
      sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1),
      defaultSortOrder: 'descend',
      render: (_, c) =>
        c.score === null ? (
          <Typography.Text type="secondary">{t('scorecards.noScore')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={0} style={{ width: '100%' }}>
            <Progress percent={c.score} size="small" format={(p) => `${p}`} data-testid="scorecard-score" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="scorecard-sum">
              {sumText(t, c)}
            </Typography.Text>
          </Space>
        ),
    },
    ...shownParts.map((p) => ({
      title: <WeightText part={p} />,
      key: p,
      width: 190,
      render: (_: unknown, c: ScorecardDto) => (
        <Space orientation="vertical" size={0}>
          <span>
            {c.parts[p] === null || c.parts[p] === undefined
              ? t('scorecards.notCounted')
              : `${c.parts[p]} / ${SCORECARD_WEIGHTS[p].weight}`}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {factText(t, p, c.facts)}
          </Typography.Text>
        </Space>
      ),
    })),
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('scorecards.title')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('scorecards.hint')}</Typography.Paragraph>
      <Form form={form} layout="inline" initialValues={query} onFinish={setQuery} className="filter-bar" style={{ rowGap: 12 }}>
        <Form.Item name="kind" label={t('scorecards.kind')} style={{ marginInlineEnd: 0 }}>
          <Select
            style={{ width: 170 }}
            options={(national ? (['school', 'organization'] as const) : (['school'] as const)).map((k) => ({
              value: k,
              label: t(`scorecards.kinds.${k}`),
            }))}
            data-testid="scorecard-kind"
          />
        </Form.Item>
        <Form.Item name="year" label={t('scorecards.year')} style={{ marginInlineEnd: 0 }}>
          <InputNumber min={2019} max={2100} style={{ width: 110 }} />
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.resetFields();
            setQuery({ kind: 'school', year: new Date().getFullYear() });
          }}
          onRefresh={() => void cards.refetch()}
        />
      </Form>
      {cards.isError && <Alert type="error" showIcon title={errorText(cards.error)} style={{ marginBottom: 16 }} />}
      <Table<ScorecardDto>
        rowKey="subjectId"
        size="small"
        columns={columns}
        dataSource={cards.data ?? []}
        loading={cards.isFetching}
        scroll={{ x: 1000 }}
        pagination={{ showTotal: (total) => t('common.total', { total }) }}
        data-testid="scorecards"
      />
      <Descriptions
        style={{ marginTop: 16 }}
        size="small"
        bordered
        column={1}
        title={t('scorecards.explain')}
        items={[
          ...PARTS.map((p) => ({ key: p, label: <WeightText part={p} />, children: ruleText(t, p) })),
          { key: 'formula', label: t('scorecards.score'), children: t('scorecards.formula') },
        ]}
      />
    </Card>
  );
}
