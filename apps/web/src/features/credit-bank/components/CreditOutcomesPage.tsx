import { CERTIFICATE_LEVELS, CERTIFICATE_LEVEL_LABELS, type CertificateLevel, type CreditOutcomeDto } from '@onex/shared';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { type OutcomeQuery, useOutcomes, useUpdateOutcome } from '../api';
import { formatCredits } from '../credit-helpers';
import { ExportButton } from '../../../components/ExportButton';

/** 学习成果目录 (national): one outcome per certificate type × level, with the credits and hours the bank records. */
export function CreditOutcomesPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [query, setQuery] = useState<OutcomeQuery>({ page: 1, pageSize: 50 });
  const outcomes = useOutcomes(query);
  const update = useUpdateOutcome();
  const [editing, setEditing] = useState<CreditOutcomeDto | null>(null);
  const [form] = Form.useForm<{ credits: number; hours: number }>();
  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('creditBank.outcomesTitle')}</Typography.Title>
        <ExportButton path="/credit-outcomes" query={query} />
      </div>
      <Typography.Paragraph type="secondary">{t('creditBank.outcomesIntro')}</Typography.Paragraph>
      <div className="filter-bar">
        <Input.Search
          allowClear
          style={{ width: 260 }}
          maxLength={50}
          placeholder={t('creditBank.searchCertificate')}
          onSearch={(v) => setQuery((q) => ({ ...q, page: 1, q: v.trim() || undefined }))}
          data-testid="outcomes-search"
        />
        <Select<CertificateLevel>
          allowClear
          style={{ width: 120 }}
          placeholder={t('creditBank.level')}
          value={query.level}
          onChange={(v) => setQuery((q) => ({ ...q, page: 1, level: v ?? undefined }))}
          options={CERTIFICATE_LEVELS.map((l) => ({ value: l, label: pickLabel(CERTIFICATE_LEVEL_LABELS, l, lang) }))}
        />
      </div>
      {outcomes.isError && <Alert type="error" showIcon title={errorText(outcomes.error)} />}
      <Table<CreditOutcomeDto>
        rowKey="id"
        size="middle"
        loading={outcomes.isFetching}
        dataSource={outcomes.data?.items ?? []}
        data-testid="outcomes-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: outcomes.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
        columns={[
          {
            title: t('creditBank.certificateType'),
            key: 'type',
            render: (_, o) => (
              <Space orientation="vertical" size={0}>
                <span>{o.certificateType.name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {o.certificateType.code}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('creditBank.level'), key: 'level', width: 80, render: (_, o) => pickLabel(CERTIFICATE_LEVEL_LABELS, o.level, lang) },
          { title: t('creditBank.organization'), key: 'org', render: (_, o) => o.organization.name },
          { title: t('creditBank.credits'), key: 'credits', width: 80, align: 'right', render: (_, o) => formatCredits(o.credits) },
          { title: t('creditBank.hours'), dataIndex: 'hours', key: 'hours', width: 80, align: 'right' },
          {
            title: t('certTypes.updatedAt'),
            key: 'updated',
            className: 'col-nowrap',
            width: 170,
            render: (_, o) => formatDateTime(o.updatedAt),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_, o) => (
              <Button
                type="link"
                size="small"
                data-testid={`outcome-edit-${o.certificateType.code}-${o.level}`}
                onClick={() => {
                  setEditing(o);
                  form.setFieldsValue({ credits: o.credits, hours: o.hours });
                }}
              >
                {t('creditBank.editCredits')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing?.name}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: update.isPending, 'data-testid': 'outcome-save' } as never}
        forceRender
      >
        <Form
          form={form}
          layout="inline"
          onFinish={(v) =>
            editing &&
            update.mutate(
              { id: editing.id, ...v },
              {
                onSuccess: () => {
                  void message.success(t('common.savedOk'));
                  setEditing(null);
                },
                onError: (err) => void message.error(errorText(err)),
              },
            )
          }
        >
          <Form.Item name="credits" label={t('creditBank.credits')} rules={[{ required: true }]}>
            <InputNumber<number> min={0} max={60} step={0.5} precision={1} data-testid="outcome-credits" />
          </Form.Item>
          <Form.Item name="hours" label={t('creditBank.hours')} rules={[{ required: true }]}>
            <InputNumber<number> min={0} max={2000} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
