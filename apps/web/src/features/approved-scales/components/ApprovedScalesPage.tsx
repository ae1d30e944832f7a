import type { ApprovedScaleRowDto } from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { type ScaleQuery, useApprovedScales, useScaleHistory, useSetScale } from '../api';
import '../locales';

const thisYear = new Date().getFullYear();

/**
 * 核定规模 (issue 17 item 4; 002 四.2 审核确定试点院校、证书及规模): each approved pilot's approved number of candidates
 * for an exam year and the registrations against it, with the history of changes; the province raises it with a
 * reason, a school reads its own pilots'.
 */
export function ApprovedScalesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const me = useUser();
  const isProvince = me.role === 'province_admin';
  const [query, setQuery] = useState<ScaleQuery>({ page: 1, pageSize: 20, year: thisYear });
  const list = useApprovedScales(query);
  const [changing, setChanging] = useState<ApprovedScaleRowDto | null>(null);
  const year = query.year ?? thisYear;

  const columns: TableProps<ApprovedScaleRowDto>['columns'] = [
    ...(isProvince
      ? [{ title: t('approvedScales.school'), key: 'school', render: (_: unknown, r: ApprovedScaleRowDto) => r.school.name }]
      : []),
    { title: t('approvedScales.department'), key: 'dept', render: (_, r) => r.department.name },
    { title: t('approvedScales.certificate'), key: 'ct', render: (_, r) => r.certificateType.name },
    { title: t('approvedScales.filingYear'), dataIndex: 'filingYear', key: 'fy', width: 100 },
    {
      title: t('approvedScales.scale'),
      key: 'scale',
      width: 130,
      align: 'right',
      render: (_, r) =>
        r.approvedScale === null ? (
          <Typography.Text type="secondary">{t('approvedScales.notFixed')}</Typography.Text>
        ) : (
          <span data-testid={`scale-${r.filingId}`}>{r.approvedScale}</span>
        ),
    },
    {
      title: t('approvedScales.registrations', { year }),
      dataIndex: 'registrations',
      key: 'reg',
      width: 150,
      align: 'right',
    },
    {
      title: t('approvedScales.remaining'),
      key: 'remaining',
      width: 110,
      align: 'right',
      render: (_, r) =>
        r.remaining === null ? (
          ''
        ) : r.remaining <= 0 ? (
          <Tag color="red">
            {t('approvedScales.over')} {r.remaining}
          </Tag>
        ) : (
          r.remaining
        ),
    },
    ...(isProvince
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, r: ApprovedScaleRowDto) =>
              r.mayChange ? (
                <Button size="small" onClick={() => setChanging(r)} data-testid={`scale-change-${r.filingId}`}>
                  {t(r.approvedScale === null ? 'approvedScales.fix' : 'approvedScales.change')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('approvedScales.title')}</Typography.Title>
        <ExportButton path="/approved-scales" query={query} />
      </div>
      <Typography.Paragraph type="secondary">
        {t(isProvince ? 'approvedScales.introProvince' : 'approvedScales.introSchool')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<number>
          style={{ width: 140 }}
          value={year}
          onChange={(v) => setQuery((q) => ({ ...q, page: 1, year: v }))}
          options={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({
            value: y,
            label: `${t('approvedScales.year')} ${y}`,
          }))}
          data-testid="scale-year"
        />
        <Select<'true' | 'false'>
          allowClear
          style={{ width: 140 }}
          placeholder={t('approvedScales.fixedFilter')}
          value={query.fixed}
          onChange={(v) => setQuery((q) => ({ ...q, page: 1, fixed: v ?? undefined }))}
          options={[
            { value: 'true', label: t('approvedScales.fixedYes') },
            { value: 'false', label: t('approvedScales.fixedNo') },
          ]}
        />
        <Input.Search
          allowClear
          style={{ width: 240 }}
          placeholder={t('approvedScales.search')}
          onSearch={(v) => setQuery((q) => ({ ...q, page: 1, q: v.trim() || undefined }))}
        />
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<ApprovedScaleRowDto>
        rowKey="filingId"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1000 }}
        data-testid="scales-table"
        expandable={{ expandedRowRender: (r) => <History filingId={r.filingId} /> }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
      />
      {changing && <ChangeModal row={changing} onClose={() => setChanging(null)} />}
    </Card>
  );
}

/** The scale's history: first fixed, each change with its reason. */
function History({ filingId }: { filingId: string }) {
  const { t } = useTranslation();
  const h = useScaleHistory(filingId, true);
  if (h.isLoading) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  const events = h.data?.events ?? [];
  if (!events.length) return <Typography.Text type="secondary">{t('approvedScales.historyEmpty')}</Typography.Text>;
  return (
    <div data-testid={`scale-history-${filingId}`}>
      <Typography.Text strong>{t('approvedScales.history')}</Typography.Text>
      <Timeline
        style={{ marginTop: 12 }}
        items={events.map((e) => ({
          content: (
            <Space orientation="vertical" size={0}>
              <span>
                {e.fromScale === null
                  ? t('approvedScales.firstFixed', { to: e.toScale })
                  : t('approvedScales.historyLine', { from: e.fromScale, to: e.toScale })}
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                  {formatDateTime(e.at)}
                </Typography.Text>
              </span>
              {e.reason && <Typography.Text type="secondary">{e.reason}</Typography.Text>}
            </Space>
          ),
        }))}
      />
    </div>
  );
}

function ChangeModal({ row, onClose }: { row: ApprovedScaleRowDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [scale, setScale] = useState<number | null>(row.approvedScale);
  const [reason, setReason] = useState('');
  const save = useSetScale();
  const name = `${row.school.name} · ${row.certificateType.name}`;
  const needsReason = row.approvedScale !== null && scale !== row.approvedScale;
  const ready = scale !== null && scale >= 1 && (!needsReason || reason.trim().length > 0);
  const submit = () =>
    scale !== null &&
    save.mutate(
      { filingId: row.filingId, scale, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          void message.success(t('approvedScales.savedOk'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t(row.approvedScale === null ? 'approvedScales.fixTitle' : 'approvedScales.changeTitle', { name })}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Popconfirm
            title={t('approvedScales.confirm', { scale: scale ?? '' })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={submit}
            disabled={!ready}
          >
            <Button type="primary" disabled={!ready} loading={save.isPending} data-testid="scale-save">
              {t('common.save')}
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      {row.approvedScale !== null && (
        <Typography.Paragraph type="secondary">
          {t('approvedScales.current', { scale: row.approvedScale, year: row.year, n: row.registrations })}
        </Typography.Paragraph>
      )}
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('approvedScales.newScale')}</Typography.Text>
        <InputNumber<number>
          min={1}
          max={1_000_000}
          precision={0}
          value={scale}
          onChange={setScale}
          style={{ width: 200 }}
          data-testid="scale-input"
        />
        {scale !== null && scale < row.registrations && (
          <Alert type="warning" showIcon title={t('approvedScales.belowRegistrations', { n: row.registrations })} />
        )}
        <Typography.Text>
          {t('approvedScales.reason')}
          {needsReason && <Typography.Text type="danger"> *</Typography.Text>}
        </Typography.Text>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          status={needsReason && !reason.trim() ? 'warning' : undefined}
          placeholder={needsReason ? t('approvedScales.reasonRequired') : undefined}
          data-testid="scale-reason"
        />
      </Space>
    </Modal>
  );
}
