import { MinusCircleOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  CANCELLATION_GROUNDS,
  EVIDENCE_KINDS,
  type CancelPilotRequest,
  type CancellationGround,
  type PilotCancellationDto,
} from '@onex/shared';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography, message, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useCancelPilot, usePilotCancellations } from '../api';
import '../locales';
import { PilotFlags } from './PilotFlags';

interface Target {
  filingId?: string;
  flagId?: string;
  label?: string;
}

/**
 * 取消试点 (R8.3): the pilots flagged for missed reports, the cancelled ones, and cancelling a pilot on one of the four
 * grounds of 001 §十九 (the server's CANCELLATION_GROUNDS, each with its clause) with a reason and evidence links.
 */
export function PilotCancellationPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const cancelled = usePilotCancellations();
  const [target, setTarget] = useState<Target | null>(null);
  const groundLabel = (id: CancellationGround) => {
    const g = CANCELLATION_GROUNDS.find((x) => x.id === id)!;
    return lang === 'zh-CN' ? g.zh : g.en;
  };
  const columns: TableProps<PilotCancellationDto>['columns'] = [
    {
      title: t('sup.school'),
      dataIndex: 'schoolName',
      key: 'school',
      width: 180,
      render: (v: string, c) => (
        <Space size={4}>
          <Link to={`/filings/${c.filingId}`}>{v}</Link>
          <Tag color="red">{t('sup.cancelledTag')}</Tag>
        </Space>
      ),
    },
    { title: t('sup.certificate'), dataIndex: 'certificateTypeName', key: 'cert', width: 200, ellipsis: true },
    {
      title: t('sup.ground'),
      key: 'ground',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <span>{groundLabel(c.ground)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.clause}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('sup.reason'), dataIndex: 'reason', key: 'reason', ellipsis: true },
    {
      title: t('sup.evidence'),
      key: 'evidence',
      width: 200,
      render: (_, c) => (
        <Space size={4} wrap>
          {c.evidence.map((e) => (
            <Tag key={`${e.kind}:${e.id}`}>{t(`sup.evidenceKinds.${e.kind}`)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('sup.cancelledAt'),
      dataIndex: 'cancelledAt',
      key: 'at',
      className: 'col-nowrap',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
  ];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{t('sup.cancelTitle')}</Typography.Title>
          <Button danger icon={<StopOutlined />} onClick={() => setTarget({})} data-testid="cancel-pilot-new">
            {t('sup.cancelPilot')}
          </Button>
        </div>
        <Typography.Paragraph type="secondary">{t('sup.cancelHint')}</Typography.Paragraph>
        <Typography.Title level={5}>{t('sup.cancelledList')}</Typography.Title>
        {cancelled.isError && <Alert type="error" showIcon title={errorText(cancelled.error)} />}
        <Table<PilotCancellationDto>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={cancelled.data ?? []}
          loading={cancelled.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="cancellations"
        />
      </Card>
      <PilotFlags
        action={(f) => (
          <Button
            size="small"
            danger
            onClick={() => setTarget({ filingId: f.filingId, flagId: f.id, label: `${f.schoolName} · ${f.certificateTypeName}` })}
          >
            {t('sup.cancelPilot')}
          </Button>
        )}
      />
      {target && <CancelModal target={target} onClose={() => setTarget(null)} />}
    </Space>
  );
}

type CancelValues = CancelPilotRequest & { filingId: string };

function CancelModal({ target, onClose }: { target: Target; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<CancelValues>();
  const cancel = useCancelPilot();
  const onFinish = (v: CancelValues) =>
    Modal.confirm({
      title: t('sup.confirmCancel'),
      okButtonProps: { danger: true },
      onOk: () =>
        cancel.mutateAsync({ ...v, evidence: (v.evidence ?? []).filter((e) => e?.kind && e.id) }).then(
          () => {
            void message.success(t('sup.cancelDone'));
            onClose();
          },
          (err: unknown) => void formErrors(form, err),
        ),
    });
  return (
    <Modal
      open
      title={`${t('sup.cancelPilot')}${target.label ? `：${target.label}` : ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={760}
    >
      <Form<CancelValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          filingId: target.filingId,
          ground: target.flagId ? 'missed_reports' : undefined,
          evidence: target.flagId ? [{ kind: 'pilot_flag', id: target.flagId }] : [],
        }}
      >
        <Form.Item name="filingId" label={t('sup.filingId')} rules={[{ required: true, pattern: /^[0-9a-f-]{36}$/i }]}>
          <Input disabled={!!target.filingId} />
        </Form.Item>
        <Form.Item name="ground" label={t('sup.ground')} rules={[{ required: true }]}>
          <Select
            data-testid="cancel-ground"
            options={CANCELLATION_GROUNDS.map((g) => ({ value: g.id, label: `${g.clause}：${lang === 'zh-CN' ? g.zh : g.en}` }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('sup.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('sup.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Typography.Title level={5}>{t('sup.evidence')}</Typography.Title>
        <Form.List name="evidence">
          {(items, { add, remove }) => (
            <>
              {items.map(({ key, name }) => (
                <Space key={key} align="baseline" wrap>
                  <Form.Item name={[name, 'kind']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 150 }}
                      placeholder={t('sup.evidenceKind')}
                      options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`sup.evidenceKinds.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[name, 'id']} rules={[{ required: true, pattern: /^[0-9a-f-]{36}$/i }]}>
                    <Input placeholder={t('sup.evidenceId')} style={{ width: 330 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t('sup.addEvidence')}
              </Button>
            </>
          )}
        </Form.List>
        {cancel.isError && <Alert type="error" showIcon title={errorText(cancel.error)} style={{ marginTop: 16 }} />}
      </Form>
    </Modal>
  );
}
