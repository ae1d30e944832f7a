import { CheckOutlined, WarningOutlined } from '@ant-design/icons';
import { CERTIFICATE_LEVEL_LABELS, EXAM_SESSION_STATUS_LABELS, type FeeSettlementDto, type UnpaidPilotStudentDto } from '@onex/shared';
import { Alert, App, Badge, Button, Card, Col, Popconfirm, Row, Select, Space, Statistic, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { formatFen, pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useSettle, useSettlements, useUnpaidPilotStudents, type SettlementQuery } from '../api';
import { settlementTotals } from '../fee-helpers';
import { ExportButton } from '../../../components/ExportButton';

/** 考核费用 (R4.3, R4.4): what is due and settled per exam session; the school pays, learners never do. */
export function FeeSettlementsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useUser();
  const isSchool = me.role === 'school_admin';
  const [query, setQuery] = useState<SettlementQuery>({ page: 1, pageSize: 20 });
  const list = useSettlements(query);
  const settle = useSettle();
  const unpaid = useUnpaidPilotStudents(isSchool ? me.scope.schoolId : undefined);
  const totals = settlementTotals(list.data?.items ?? []);

  const columns: TableProps<FeeSettlementDto>['columns'] = [
    {
      title: t('exams.session'),
      key: 'session',
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <span>
            {s.session.certificateTypeName} · {pickLabel(CERTIFICATE_LEVEL_LABELS, s.session.level, lang)}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.session.examDate} · {pickLabel(EXAM_SESSION_STATUS_LABELS, s.session.status, lang)}
          </Typography.Text>
        </Space>
      ),
    },
    isSchool
      ? { title: t('exams.organization'), key: 'org', render: (_, s) => s.organization.name }
      : { title: t('exams.school'), key: 'school', render: (_, s) => s.school.name },
    { title: t('exams.registered'), dataIndex: 'registeredCount', key: 'registered', width: 100, align: 'right' },
    {
      title: t('exams.exempt'),
      dataIndex: 'exemptCount',
      key: 'exempt',
      width: 150,
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n}</Typography.Text> : 0),
    },
    { title: t('exams.dueAmount'), dataIndex: 'dueFen', key: 'due', width: 130, align: 'right', render: (v: number) => formatFen(v) },
    {
      title: t('exams.status'),
      key: 'status',
      width: 170,
      render: (_, s) =>
        s.status === 'settled' ? (
          <Space orientation="vertical" size={0}>
            <Badge status="success" text={t('exams.statusSettled')} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(s.settledAt)}
            </Typography.Text>
          </Space>
        ) : (
          <Badge status="warning" text={t('exams.statusDue')} />
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, s) =>
        s.allowedActions.includes('settle') ? (
          <Popconfirm
            title={t('exams.settleConfirm', { amount: formatFen(s.dueFen), org: s.organization.name })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              settle.mutate(
                { id: s.id },
                { onSuccess: () => void message.success(t('exams.settledOk')), onError: (err) => void message.error(errorText(err)) },
              )
            }
          >
            <Button type="link" size="small" icon={<CheckOutlined />} data-testid={`settle-${s.id}`}>
              {t('exams.settle')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{t('exams.feesTitle')}</Typography.Title>
          <Space>
            <Select<'true' | 'false'>
              allowClear
              style={{ width: 160 }}
              placeholder={t('exams.status')}
              value={query.settled}
              onChange={(v) => setQuery((q) => ({ ...q, page: 1, settled: v ?? undefined }))}
              options={[
                { value: 'false', label: t('exams.statusDue') },
                { value: 'true', label: t('exams.statusSettled') },
              ]}
              data-testid="fees-status"
            />
            <ExportButton path="/fee-settlements" query={query} />
          </Space>
        </div>
        <Typography.Paragraph type="secondary">{t('exams.feesPayer')}</Typography.Paragraph>
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={24} sm={8}>
            <Statistic title={t('exams.totalDue')} value={formatFen(totals.dueFen)} />
          </Col>
          <Col xs={24} sm={8}>
            <Statistic title={t('exams.totalSettled')} value={formatFen(totals.settledFen)} />
          </Col>
          <Col xs={24} sm={8}>
            <Statistic title={t('exams.exempt')} value={totals.exempt} suffix={t('exams.persons')} />
          </Col>
        </Row>
        {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
        <Table<FeeSettlementDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1000 }}
          data-testid="fees-table"
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
      {isSchool && unpaid.data && unpaid.data.length > 0 && <UnpaidCard items={unpaid.data} />}
    </Space>
  );
}

/** R4.3: every pilot student has at least one exam paid by the school; those without are listed. */
function UnpaidCard({ items }: { items: UnpaidPilotStudentDto[] }) {
  const { t } = useTranslation();
  return (
    <Card
      data-testid="unpaid-card"
      title={
        <Space>
          <WarningOutlined style={{ color: '#faad14' }} />
          {t('exams.unpaidTitle', { n: items.length })}
        </Space>
      }
      style={{ borderColor: '#ffe58f' }}
    >
      <Typography.Paragraph type="secondary">{t('exams.unpaidIntro')}</Typography.Paragraph>
      <Table<UnpaidPilotStudentDto>
        rowKey="learnerId"
        size="small"
        dataSource={items}
        pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
        columns={[
          { title: t('exams.name'), dataIndex: 'name', key: 'name' },
          { title: t('exams.className'), dataIndex: 'className', key: 'className', render: (v: string | null) => v ?? '' },
          { title: t('exams.registeredExams'), dataIndex: 'registeredExams', key: 'n', width: 120, align: 'right' },
          {
            title: t('exams.reason'),
            dataIndex: 'reason',
            key: 'reason',
            render: (r: UnpaidPilotStudentDto['reason']) =>
              t(r === 'not_registered' ? 'exams.reasonNotRegistered' : 'exams.reasonUnsettled'),
          },
        ]}
      />
    </Card>
  );
}
