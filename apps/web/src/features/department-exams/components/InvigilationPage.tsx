import { CERTIFICATE_LEVEL_LABELS, EXAM_SESSION_STATUS_LABELS, INVIGILATOR_ROLE_LABELS, INVIGILATOR_ROLES } from '@onex/shared';
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { useLang } from '../../../lib/i18n';
import { formatFen, pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../auth/session';
import {
  type DeptInvigilation,
  type DeptSession,
  type DeptSessionQuery,
  useDeptAssign,
  useDeptInvigilations,
  useDeptRemoveInvigilation,
  useDeptSessions,
} from '../api';
import '../locales';

/**
 * 监考安排 (issue 17 item 3; 001 第十五条 试点考证巡考、监考由二级学院安排，监考费按相关管理办法执行; R5.4): the sessions at
 * the school's sites of the department's pilot certificates, and for the one chosen its invigilators and their fees.
 */
export function InvigilationPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const me = useUser();
  const [query, setQuery] = useState<DeptSessionQuery>({ page: 1, pageSize: 20, hostSchoolId: me.scope.schoolId });
  const list = useDeptSessions(query);
  const [chosen, setChosen] = useState<DeptSession | null>(null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{t('deptExams.invigilationTitle')}</Typography.Title>
          <ExportButton path="/exam-sessions" query={query} />
        </div>
        <Typography.Paragraph type="secondary">{t('deptExams.invigilationIntro')}</Typography.Paragraph>
        {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
        <Table<DeptSession>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          data-testid="invigilation-sessions"
          locale={{ emptyText: <Typography.Text type="secondary">{t('deptExams.noHostedSessions')}</Typography.Text> }}
          rowClassName={(s) => (s.id === chosen?.id ? 'ant-table-row-selected' : '')}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
          columns={[
            {
              title: t('exams.session'),
              key: 'ct',
              render: (_, s) => `${s.certificateTypeName} · ${pickLabel(CERTIFICATE_LEVEL_LABELS, s.level, lang)}`,
            },
            { title: t('exams.examDate'), dataIndex: 'examDate', key: 'date', width: 120 },
            { title: t('exams.site'), dataIndex: 'examSiteName', key: 'site' },
            { title: t('exams.seats'), key: 'seats', width: 110, align: 'right', render: (_, s) => `${s.candidateCount} / ${s.capacity}` },
            {
              title: t('exams.status'),
              key: 'status',
              width: 110,
              render: (_, s) => <Tag>{pickLabel(EXAM_SESSION_STATUS_LABELS, s.status, lang)}</Tag>,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 110,
              render: (_, s) => (
                <Button
                  size="small"
                  type={s.id === chosen?.id ? 'primary' : 'default'}
                  onClick={() => setChosen(s)}
                  data-testid={`arrange-${s.id}`}
                >
                  {t('deptExams.arrange')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {chosen ? <InvigilatorsCard session={chosen} /> : <Alert type="info" showIcon title={t('deptExams.chooseSession')} />}
    </Space>
  );
}

interface Values {
  invigilatorName: string;
  role: DeptInvigilation['role'];
  feeYuan: number;
}

function InvigilatorsCard({ session }: { session: DeptSession }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const list = useDeptInvigilations(session.id);
  const assign = useDeptAssign();
  const remove = useDeptRemoveInvigilation();

  return (
    <Card
      title={`${t('deptExams.invigilationTitle')}：${t('deptExams.arranging', { name: session.certificateTypeName, date: session.examDate })}`}
      extra={list.data && t('exams.invigilationTotal', { amount: formatFen(list.data.totalFeeFen) })}
      data-testid="invigilation-card"
    >
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      {list.data && !list.data.mayAssign && session.status === 'closed' && (
        <Alert type="info" showIcon title={t('deptExams.closedSession')} style={{ marginBottom: 16 }} />
      )}
      {list.data?.mayAssign && (
        <Form<Values>
          form={form}
          layout="inline"
          initialValues={{ role: 'invigilator' }}
          style={{ marginBottom: 16, rowGap: 8 }}
          onFinish={(v) =>
            assign.mutate(
              { id: session.id, body: { invigilatorName: v.invigilatorName.trim(), role: v.role, feeFen: Math.round(v.feeYuan * 100) } },
              {
                onSuccess: () => {
                  form.resetFields();
                  void message.success(t('exams.invigilatorAdded'));
                },
                onError: (err) => void message.error(errorText(err)),
              },
            )
          }
        >
          <Form.Item name="invigilatorName" rules={[{ required: true, whitespace: true, message: t('exams.nameRequired') }]}>
            <Input placeholder={t('exams.invigilatorName')} maxLength={50} style={{ width: 160 }} data-testid="invigilator-name" />
          </Form.Item>
          <Form.Item name="role">
            <Select
              style={{ width: 120 }}
              data-testid="invigilator-role"
              options={INVIGILATOR_ROLES.map((r) => ({ value: r, label: pickLabel(INVIGILATOR_ROLE_LABELS, r, lang) }))}
            />
          </Form.Item>
          <Form.Item name="feeYuan" rules={[{ required: true, message: t('exams.feeRequired') }]}>
            <InputNumber<number>
              min={0}
              max={100000}
              precision={2}
              placeholder={t('exams.invigilationFee')}
              style={{ width: 160 }}
              suffix={t('deptExams.yuan')}
              data-testid="invigilator-fee"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={assign.isPending} data-testid="invigilator-add">
            {t('exams.addInvigilator')}
          </Button>
        </Form>
      )}
      <Table<DeptInvigilation>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="invigilators"
        locale={{ emptyText: <Typography.Text type="secondary">{t('exams.noInvigilators')}</Typography.Text> }}
        columns={[
          { title: t('exams.invigilatorName'), dataIndex: 'invigilatorName', key: 'n' },
          { title: t('exams.invigilatorRole'), key: 'r', render: (_, i) => pickLabel(INVIGILATOR_ROLE_LABELS, i.role, lang) },
          { title: t('exams.department'), key: 'd', render: (_, i) => i.department?.name ?? '' },
          { title: t('exams.invigilationFee'), key: 'f', align: 'right', render: (_, i) => formatFen(i.feeFen) },
          {
            title: t('common.actions'),
            key: 'a',
            width: 90,
            render: (_, i) =>
              i.mayDelete ? (
                <Popconfirm
                  title={t('exams.removeInvigilatorConfirm')}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutate(i.id, { onError: (err) => void message.error(errorText(err)) })}
                >
                  <Button type="link" size="small" danger>
                    {t('exams.remove')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
