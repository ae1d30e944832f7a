import { INVIGILATOR_ROLE_LABELS, INVIGILATOR_ROLES } from '@onex/shared';
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../lib/i18n';
import { type Invigilation, useAssignInvigilator, useInvigilations, useRemoveInvigilator } from '../lib/invigilations';
import { formatFen, pickLabel, yuanToFen } from '../lib/money';
import { useErrorText } from '../lib/useErrorText';

interface Values {
  invigilatorName: string;
  role: Invigilation['role'];
  feeYuan: number;
}

/**
 * 监考安排 (R5.4): a session's invigilators and their fees, on the session page (organization, host school) and on a
 * department's 监考安排 page (001 第十五条); `title` and `notice` are the caller's.
 */
export function InvigilationCard({ sessionId, title, notice }: { sessionId: string; title?: string; notice?: ReactNode }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const list = useInvigilations(sessionId);
  const assign = useAssignInvigilator(sessionId);
  const remove = useRemoveInvigilator(sessionId);
  return (
    <Card
      title={title ?? t('exams.invigilationTitle')}
      extra={list.data && t('exams.invigilationTotal', { amount: formatFen(list.data.totalFeeFen) })}
      data-testid="invigilation-card"
    >
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      {list.data && !list.data.mayAssign && notice}
      {list.data?.mayAssign && (
        <Form<Values>
          form={form}
          layout="inline"
          initialValues={{ role: 'invigilator' }}
          style={{ marginBottom: 16, rowGap: 8 }}
          onFinish={(v) =>
            assign.mutate(
              { invigilatorName: v.invigilatorName.trim(), role: v.role, feeFen: yuanToFen(v.feeYuan) ?? 0 },
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
              data-testid="invigilator-fee"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={assign.isPending} data-testid="invigilator-add">
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
