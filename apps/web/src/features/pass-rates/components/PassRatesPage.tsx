import {
  PASS_RATE_GROUP_LABELS,
  PASS_RATE_WARNING,
  type PassRateGroup,
  type PassRateRestrictionDto,
  type PassRateRestrictionQuery,
  type PassRateRowDto,
} from '@onex/shared';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { pickLabel } from '../../../lib/money';
import { useLang } from '../../../lib/i18n';
import { formatRate } from '../../../lib/statistics';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useGrantOverride, usePassRateRestrictions, usePassRates } from '../api';
import '../locales';

/** R5.6: the groupings of the page (pilot, school, certificate, province). */
const GROUPS: readonly PassRateGroup[] = ['pilot', 'school', 'certificate', 'province'];
const below = (rate: number | null) => rate !== null && rate < PASS_RATE_WARNING;
const THRESHOLD = formatRate(PASS_RATE_WARNING);

/** 通过率 (R5.6, R3.9): pass rates by pilot / school / certificate / province; restrictions and the province's overrides. */
export function PassRatesPage() {
  const { t } = useTranslation();
  const me = useUser();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('menu.passRates')}
      </Typography.Title>
      {me.role !== 'org_admin' && <RestrictionsCard />}
      <PassRateTableCard />
    </Space>
  );
}

function PassRateTableCard() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [groupBy, setGroupBy] = useState<PassRateGroup>('pilot');
  const [year, setYear] = useState<number | undefined>();
  const query = { groupBy, year };
  const r = usePassRates(query);
  const thisYear = new Date().getFullYear();
  const n = (k: 'candidates' | 'passed' | 'failed') => ({
    title: t(`passRates.${k}`),
    dataIndex: k,
    key: k,
    align: 'right' as const,
    width: 110,
  });
  const columns: TableColumnsType<PassRateRowDto> = [
    { title: pickLabel(PASS_RATE_GROUP_LABELS, groupBy, lang), dataIndex: 'label', key: 'label' },
    n('candidates'),
    n('passed'),
    n('failed'),
    {
      title: t('passRates.rate'),
      dataIndex: 'rate',
      key: 'rate',
      align: 'right',
      width: 150,
      render: (v: number | null) =>
        below(v) ? (
          <Space size={4}>
            <Typography.Text type="danger" strong>
              {formatRate(v)}
            </Typography.Text>
            <Tag color="red">{t('passRates.below', { threshold: THRESHOLD })}</Tag>
          </Space>
        ) : (
          formatRate(v)
        ),
    },
  ];
  return (
    <Card title={t('passRates.tableTitle')} extra={<ExportButton path="/pass-rates" query={query} />}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={groupBy}
          style={{ width: 160 }}
          data-testid="pass-rate-group"
          options={GROUPS.map((g) => ({ value: g, label: t('passRates.byGroup', { group: pickLabel(PASS_RATE_GROUP_LABELS, g, lang) }) }))}
          onChange={setGroupBy}
        />
        <Select
          allowClear
          placeholder={t('passRates.allYears')}
          value={year}
          style={{ width: 120 }}
          options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}年` }))}
          onChange={(y?: number) => setYear(y)}
        />
      </Space>
      <Typography.Paragraph type="secondary">{t('passRates.legend', { threshold: THRESHOLD })}</Typography.Paragraph>
      {r.isError && <Alert type="error" showIcon title={errorText(r.error)} />}
      <Table<PassRateRowDto>
        rowKey="key"
        size="small"
        loading={r.isPending}
        columns={columns}
        dataSource={r.data?.items ?? []}
        pagination={false}
        data-testid="pass-rate-table"
        rowClassName={(row) => (below(row.rate) ? 'pass-rate-below' : '')}
        onRow={(row) => (below(row.rate) ? ({ style: { background: '#fff1f0' }, 'data-below': 'true' } as object) : {})}
        summary={() =>
          r.data && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('passRates.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {r.data.total.candidates}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {r.data.total.passed}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {r.data.total.failed}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {formatRate(r.data.total.rate)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </Card>
  );
}

function RestrictionsCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<PassRateRestrictionQuery['state']>();
  const [page, setPage] = useState(1);
  const query = { state, page, pageSize: 20 };
  const r = usePassRateRestrictions(query);
  const [granting, setGranting] = useState<PassRateRestrictionDto | null>(null);
  const columns: TableColumnsType<PassRateRestrictionDto> = [
    { title: t('passRates.school'), dataIndex: 'schoolName', key: 'school' },
    { title: t('passRates.certificate'), dataIndex: 'certificateName', key: 'certificate' },
    { title: t('passRates.year'), dataIndex: 'year', key: 'year', width: 90 },
    {
      title: t('passRates.previousYear'),
      key: 'previousYear',
      width: 170,
      render: (_, row) => (
        <Tooltip title={t('passRates.previousCounts', row.previousYear)}>
          <Space size={4} data-testid="restriction-rate">
            <Typography.Text type="danger" strong>
              {formatRate(row.previousYear.rate)}
            </Typography.Text>
            <Tag color="red">{t('passRates.below', { threshold: formatRate(row.threshold) })}</Tag>
          </Space>
        </Tooltip>
      ),
    },
    {
      title: t('passRates.state'),
      key: 'state',
      width: 100,
      render: (_, row) =>
        row.overridden ? <Tag color="green">{t('passRates.overridden')}</Tag> : <Tag color="orange">{t('passRates.restricted')}</Tag>,
    },
    { title: t('passRates.reason'), dataIndex: 'overrideReason', key: 'reason', render: (v: string | null) => v ?? '—' },
    { title: t('passRates.by'), dataIndex: 'overriddenBy', key: 'by', width: 160, render: (v: string | null) => v ?? '—' },
    {
      title: t('passRates.at'),
      dataIndex: 'overriddenAt',
      key: 'at',
      width: 170,
      render: (v: string | null) => (v ? new Date(v).toLocaleString('zh-CN') : '—'),
    },
    {
      title: t('passRates.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, row) =>
        row.canOverride && (
          <Button size="small" type="primary" onClick={() => setGranting(row)} data-testid={`grant-${row.filingId}`}>
            {t('passRates.grant')}
          </Button>
        ),
    },
  ];
  return (
    <Card
      title={t('passRates.restrictionsTitle')}
      extra={<ExportButton path="/pass-rate-restrictions" query={{ state }} />}
      data-testid="pass-rate-restrictions"
    >
      <Typography.Paragraph type="secondary">{t('passRates.restrictionsHint')}</Typography.Paragraph>
      <Select
        value={state ?? 'all'}
        style={{ width: 140, marginBottom: 16 }}
        data-testid="restriction-state"
        options={[
          { value: 'all', label: t('passRates.stateAll') },
          { value: 'restricted', label: t('passRates.restricted') },
          { value: 'overridden', label: t('passRates.overridden') },
        ]}
        onChange={(v: string) => {
          setState(v === 'all' ? undefined : (v as PassRateRestrictionQuery['state']));
          setPage(1);
        }}
      />
      {r.isError && <Alert type="error" showIcon title={errorText(r.error)} />}
      <Table<PassRateRestrictionDto>
        rowKey="filingId"
        size="small"
        loading={r.isPending}
        columns={columns}
        dataSource={r.data?.items ?? []}
        scroll={{ x: 1200 }}
        pagination={{ current: page, pageSize: 20, total: r.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
      {granting && <GrantModal row={granting} onClose={() => setGranting(null)} />}
    </Card>
  );
}

function GrantModal({ row, onClose }: { row: PassRateRestrictionDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const grant = useGrantOverride();
  const errorText = useErrorText();
  const formErrors = useFormErrors();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const { reason } = await form.validateFields();
    try {
      await grant.mutateAsync({ filingId: row.filingId, reason });
      void message.success(t('passRates.granted'));
      onClose();
    } catch (err) {
      if (!formErrors(form, err)) setError(errorText(err));
    }
  };
  return (
    <Modal
      open
      title={t('passRates.grantTitle', { school: row.schoolName, certificate: row.certificateName, year: row.year })}
      okText={t('passRates.grant')}
      onOk={() => void submit()}
      confirmLoading={grant.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('passRates.previousCounts', row.previousYear)}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('passRates.reason')}
          rules={[{ required: true, whitespace: true, message: t('passRates.reasonRequired') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={1000}
            showCount
            placeholder={t('passRates.reasonPlaceholder')}
            data-testid="override-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
