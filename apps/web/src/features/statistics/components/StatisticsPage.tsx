import { STATISTICS_GROUPS, PASS_RATE_WARNING, type StatisticsGroup, type StatisticsQuery, type StatisticsRow } from '@onex/shared';
import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Select, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../../../components/BarChart';
import { ExportButton } from '../../../components/ExportButton';
import { formatRate, useStatisticsSummary } from '../../../lib/statistics';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import '../locales';

/** Where a click on a row leads: a province to its cities, a city to its schools, a certificate to its levels. */
const DRILL: Partial<Record<StatisticsGroup, { to: StatisticsGroup; filter: keyof StatisticsQuery }>> = {
  province: { to: 'city', filter: 'provinceCode' },
  city: { to: 'school', filter: 'cityCode' },
  certificateType: { to: 'level', filter: 'certificateTypeId' },
};

interface Step {
  query: Partial<StatisticsQuery>;
  label: string;
}

/** 统计分析 (R10.1, R5.6, R3.9): figures by province / city / school / certificate / level / year with drill-down. */
export function StatisticsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [path, setPath] = useState<Step[]>([{ query: { groupBy: 'province' }, label: t('statistics.scopeAll') }]);
  const [year, setYear] = useState<number | undefined>();
  const current = path[path.length - 1]!;
  const query = useMemo(() => ({ ...current.query, year }), [current, year]);
  const s = useStatisticsSummary(query);
  const rows = useMemo(() => s.data?.rows ?? [], [s.data]);
  const group = query.groupBy ?? 'province';

  const drill = useCallback(
    (r: StatisticsRow) => {
      const d = DRILL[group];
      if (!d || !r.key) return;
      setPath((p) => [...p, { query: { ...query, groupBy: d.to, [d.filter]: r.key }, label: r.label }]);
    },
    [group, query],
  );
  const labels = useMemo(() => rows.map((r) => r.label), [rows]);
  const values = useMemo(() => rows.map((r) => r.examinedCandidates), [rows]);
  const pick = useCallback((i: number) => rows[i] && drill(rows[i]), [rows, drill]);

  const n = (k: keyof StatisticsRow) => ({ title: t(`statistics.${k}`), dataIndex: k, key: k, align: 'right' as const, width: 110 });
  const columns: TableColumnsType<StatisticsRow> = [
    {
      title: t(`statistics.group.${group}`),
      dataIndex: 'label',
      key: 'label',
      render: (v: string, r) =>
        DRILL[group] && r.key ? (
          <Typography.Link onClick={() => drill(r)} data-testid={`drill-${r.key}`}>
            {v}
          </Typography.Link>
        ) : (
          v
        ),
    },
    n('pilots'),
    n('plannedCandidates'),
    n('registeredCandidates'),
    n('examinedCandidates'),
    n('passed'),
    {
      ...n('passRate'),
      render: (v: number | null) => (
        <Typography.Text type={v !== null && v < PASS_RATE_WARNING ? 'danger' : undefined} strong={v !== null && v < PASS_RATE_WARNING}>
          {formatRate(v)}
        </Typography.Text>
      ),
    },
    n('certificatesIssued'),
    n('certificatesRevoked'),
  ];
  const thisYear = new Date().getFullYear();
  const me = useUser();
  // 动态报送 (R10.1, R10.2): the province its own; the national level the province drilled into, or the whole country.
  const reportProvince = me.role === 'province_admin' ? me.scope.provinceCode : query.provinceCode;
  const reportYear = year ?? thisYear;
  const reportParams = new URLSearchParams({ year: String(reportYear), ...(reportProvince ? { provinceCode: reportProvince } : {}) });
  const reportScope = !reportProvince
    ? t('statisticsReport.national')
    : me.role === 'province_admin'
      ? t('statisticsReport.ownProvince')
      : (path[1]?.label ?? '');

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('menu.statistics')}</Typography.Title>
        <Space>
          {(me.role === 'province_admin' || me.role === 'national_admin') && (
            <Tooltip title={t('statisticsReport.hint', { scope: reportScope, year: reportYear })}>
              <Button
                icon={<FileExcelOutlined />}
                href={`/api/v1/statistics/report?${reportParams}`}
                download
                data-testid="statistics-report"
              >
                {t('statisticsReport.download')}
              </Button>
            </Tooltip>
          )}
          <ExportButton path="/statistics/summary" query={query} />
        </Space>
      </div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Breadcrumb
          data-testid="statistics-path"
          items={path.map((p, i) => ({
            title: i < path.length - 1 ? <a onClick={() => setPath(path.slice(0, i + 1))}>{p.label}</a> : p.label,
          }))}
        />
        <Select
          value={group}
          style={{ width: 160 }}
          data-testid="statistics-group"
          options={STATISTICS_GROUPS.map((g) => ({ value: g, label: t('statistics.byGroup', { group: t(`statistics.group.${g}`) }) }))}
          onChange={(g: StatisticsGroup) => setPath((p) => [...p.slice(0, -1), { ...current, query: { ...current.query, groupBy: g } }])}
        />
        <Select
          allowClear
          placeholder={t('statistics.allYears')}
          value={year}
          style={{ width: 120 }}
          options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}年` }))}
          onChange={(y?: number) => setYear(y)}
        />
      </Space>
      {s.isError && <Alert type="error" showIcon title={errorText(s.error)} />}
      {rows.length > 0 && (
        <BarChart
          labels={labels}
          values={values}
          name={t('statistics.examinedCandidates')}
          onPick={pick}
          height={Math.min(480, 60 + rows.length * 28)}
        />
      )}
      <Table<StatisticsRow>
        rowKey="key"
        size="small"
        loading={s.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="statistics-table"
        summary={() =>
          s.data && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('statistics.total')}</Table.Summary.Cell>
              {(['pilots', 'plannedCandidates', 'registeredCandidates', 'examinedCandidates', 'passed'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 1} align="right">
                  {s.data.totals[k]}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={6} align="right">
                {formatRate(s.data.totals.passRate)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                {s.data.totals.certificatesIssued}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">
                {s.data.totals.certificatesRevoked}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
      {s.data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('statistics.footnote', { time: new Date(s.data.asOf).toLocaleString('zh-CN') })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
