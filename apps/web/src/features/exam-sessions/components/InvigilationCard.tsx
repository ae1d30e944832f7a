import { INVIGILATOR_ROLE_LABELS, INVIGILATOR_ROLES } from '@onex/shared';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { formatFen, pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { yuanToFen } from '../../../lib/money';
import { useAssignInvigilator, useInvigilations, useRemoveInvigilator, type Invigilation } from '../api';

interface Values {
  invigilatorName: string;
  role: Invigilation['role'];
  feeYuan: number;
}

/** 监考安排 (R5.4): the host school's invigilators of a session and their fees. */
export function InvigilationCard({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const list = useInvigilations(sessionId);
  const assign = useAssignInvigilator();
  const remove = useRemoveInvigilator();
  return (
    <Card
      title={t('exams.invigilationTitle')}
      extra={list.data && t('exams.invigilationTotal', { amount: formatFen(list.data.totalFeeFen) })}
    >
      {list.data?.mayAssign && (
        <Form<Values>
          form={form}
          layout="inline"
          initialValues={{ role: 'invigilator' }}
          style={{ marginBottom: 16, rowGap: 8 }}
          onFinish={(v) =>
            assign.mutate(
              { id: sessionId, body: { invigilatorName: v.invigilatorName.trim(), role: v.role, feeFen: yuanToFen(v.feeYuan) ?? 0 } },
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
            <Input placeholder={t('exams.invigilatorName')} maxLength={50} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="role">
            <Select
              style={{ width: 120 }}
              options={INVIGILATOR_ROLES.map((r) => ({ value: r, label: pickLabel(INVIGILATOR_ROLE_LABELS, r, lang) }))}
            />
          </Form.Item>
          <Form.Item name="feeYuan" rules={[{ required: true, message: t('exams.feeRequired') }]}>
            <InputNumber<number> min={0} precision={2} placeholder={t('exams.invigilationFee')} style={{ width: 140 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={assign.isPending}>
            {t('exams.addInvigilator')}
          </Button>
        </Form>
      )}
      <Table<Invigilation>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
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
