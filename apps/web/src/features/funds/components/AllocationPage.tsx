import { DownloadOutlined } from '@ant-design/icons';
import { DEFAULT_FACTOR_WEIGHTS, FUND_FACTORS, type AllocationDto, type FundFactor } from '@onex/shared';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useAdjustShare, useAllocation, useAllocations, useCreateAllocation, usePublishAllocation } from '../api';

type Share = AllocationDto['shares'][number];

/** 因素法分配 (R4.6): the province sets the total and the weights, reads each school's explained share, adjusts, publishes. */
export function AllocationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const list = useAllocations();
  const [selected, setSelected] = useState<string | null>(null);
  const current = selected ?? list.data?.[0]?.id ?? null;
  const create = useCreateAllocation();
  const [form] = Form.useForm<{ year: number; total: number } & Record<FundFactor, number>>();
  const initial = { year: new Date().getFullYear(), ...Object.fromEntries(DEFAULT_FACTOR_WEIGHTS.map((w) => [w.factor, w.weight])) };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3}>{t('funds.allocationTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('funds.allocationIntro')}</Typography.Paragraph>
        <Form
          form={form}
          layout="inline"
          initialValues={initial}
          onFinish={(v) =>
            create.mutate(
              { year: v.year, totalFen: Math.round(v.total * 100), weights: FUND_FACTORS.map((f) => ({ factor: f, weight: v[f] ?? 0 })) },
              {
                onSuccess: (a) => (setSelected(a.id), void message.success(t('common.savedOk'))),
                onError: (e) => void message.error(errorText(e)),
              },
            )
          }
        >
          <Form.Item name="year" label={t('funds.year')} rules={[{ required: true }]}>
            <InputNumber min={2019} max={2100} />
          </Form.Item>
          <Form.Item name="total" label={`${t('funds.total')}（${t('funds.yuan')}）`} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: 180 }} data-testid="allocation-total" />
          </Form.Item>
          {FUND_FACTORS.map((f) => (
            <Form.Item key={f} name={f} label={t(`funds.factor.${f}`)}>
              <InputNumber min={0} max={1000} style={{ width: 80 }} data-testid={`weight-${f}`} />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="allocation-compute">
            {t('funds.compute')}
          </Button>
        </Form>
      </Card>
      <Card>
        <Select
          style={{ width: 360, marginBottom: 16 }}
          value={current ?? undefined}
          onChange={setSelected}
          options={(list.data ?? []).map((a) => ({
            value: a.id,
            label: `${a.year} · ${formatFen(a.totalFen)} · ${t(`funds.allocationStatus.${a.status}`)}`,
          }))}
          data-testid="allocation-select"
        />
        {current ? <AllocationView id={current} /> : <Typography.Text type="secondary">{t('funds.noAllocation')}</Typography.Text>}
      </Card>
    </Space>
  );
}

function AllocationView({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const a = useAllocation(id);
  const publish = usePublishAllocation();
  const adjust = useAdjustShare(id);
  const [editing, setEditing] = useState<Share | null>(null);
  const [adjForm] = Form.useForm<{ amount: number; reason: string }>();
  if (!a.data) return null;
  const d = a.data;
  const draft = d.status === 'draft';
  const columns: TableProps<Share>['columns'] = [
    { title: t('funds.school'), key: 'school', render: (_, s) => s.school.name },
    ...FUND_FACTORS.map((f) => ({
      title: t(`funds.factor.${f}`),
      key: f,
      align: 'right' as const,
      render: (_: unknown, s: Share) => `${Number((s.facts[f] ?? 0).toFixed(4))}（${(s.normalized[f] ?? 0).toFixed(3)}）`,
    })),
    { title: t('funds.score'), key: 'score', align: 'right', render: (_, s) => s.score.toFixed(3) },
    { title: t('funds.computed'), key: 'computed', align: 'right', render: (_, s) => formatFen(s.computedFen) },
    {
      title: t('funds.final'),
      key: 'final',
      align: 'right',
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <span data-testid={`share-${s.school.id}`}>{formatFen(s.finalFen)}</span>
          {s.adjustReason ? <Typography.Text type="secondary">{s.adjustReason}</Typography.Text> : null}
        </Space>
      ),
    },
    ...(draft
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, s: Share) => (
              <Button size="small" type="link" onClick={() => setEditing(s)}>
                {t('funds.adjust')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('funds.total')}>{formatFen(d.totalFen)}</Descriptions.Item>
        <Descriptions.Item label={t('funds.finalTotal')}>
          <span data-testid="allocation-final-total">{formatFen(d.finalTotalFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('funds.weights')}>
          {d.weights.map((w) => `${t(`funds.factor.${w.factor}`)} ${w.weight}`).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('funds.status')}>
          <Tag color={draft ? 'blue' : 'green'}>{t(`funds.allocationStatus.${d.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('funds.formula')} span={2}>
          {d.formula}
        </Descriptions.Item>
      </Descriptions>
      <Space>
        {draft ? (
          <Button
            type="primary"
            data-testid="allocation-publish"
            onClick={() =>
              publish.mutate(id, {
                onSuccess: () => void message.success(t('common.savedOk')),
                onError: (e) => void message.error(errorText(e)),
              })
            }
          >
            {t('funds.publish')}
          </Button>
        ) : null}
        <Button icon={<DownloadOutlined />} href={`/api/v1/fund-allocations/${id}/export.xlsx`}>
          {t('funds.exportXlsx')}
        </Button>
      </Space>
      <Table<Share>
        rowKey={(s) => s.school.id}
        size="small"
        dataSource={d.shares}
        columns={columns}
        pagination={false}
        scroll={{ x: true }}
        data-testid="allocation-shares"
      />
      <Modal
        open={Boolean(editing)}
        title={editing ? `${t('funds.adjust')} · ${editing.school.name}` : ''}
        onCancel={() => setEditing(null)}
        onOk={() =>
          void adjForm
            .validateFields()
            .then((v) =>
              adjust.mutate(
                { schoolId: editing!.school.id, amountFen: Math.round(v.amount * 100), reason: v.reason },
                { onSuccess: () => (setEditing(null), adjForm.resetFields()), onError: (e) => void message.error(errorText(e)) },
              ),
            )
        }
      >
        <Form form={adjForm} layout="vertical">
          <Form.Item name="amount" label={`${t('funds.final')}（${t('funds.yuan')}）`} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="reason" label={t('funds.reason')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
