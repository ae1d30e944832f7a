import { DRAW_POOL_KINDS, type DrawDto, type DrawPoolKind, SCHOOL_TYPE_LABELS, SCHOOL_TYPES } from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { useSession } from '../../../lib/session';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useErrorText } from '../../../lib/useErrorText';
import {
  useCertificateTypeOptions,
  useCreateDraw,
  useCreateInspector,
  useDraws,
  useInspectors,
  useProvinces,
  usePublishDraw,
} from '../api';
import '../locales-inspections';
import { DrawDescription } from './DrawViews';

/** 随机抽查 (R8.4 双随机一公开): the province's (or national) draws, its inspector pool, drawing and publishing. */
export function DrawsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { user } = useSession();
  const national = user?.role === 'national_admin';
  const [query, setQuery] = useState({ page: 1, pageSize: 20 });
  const draws = useDraws(query.page, query.pageSize);
  const inspectors = useInspectors();
  const certs = useCertificateTypeOptions();
  const provinces = useProvinces(true);
  const [running, setRunning] = useState(false);
  const [shown, setShown] = useState<DrawDto | null>(null);
  const [publishing, setPublishing] = useState<DrawDto | null>(null);
  const names = useMemo(
    () =>
      new Map<string, string>([
        ...(certs.data ?? []).map((c) => [c.value, c.label] as const),
        ...(provinces.data ?? []).map((p) => [p.code, p.name] as const),
      ]),
    [certs.data, provinces.data],
  );

  const columns: TableProps<DrawDto>['columns'] = [
    { title: t('draws.name'), dataIndex: 'title', key: 'title' },
    {
      title: t('draws.drawnAt'),
      dataIndex: 'drawnAt',
      key: 'drawnAt',
      className: 'col-nowrap',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('draws.selected'),
      key: 'selected',
      render: (_, d) => d.selected.map((s) => <Tag key={s.id}>{s.name}</Tag>),
    },
    { title: t('draws.inspectors'), key: 'inspectors', render: (_, d) => d.inspectors.map((i) => i.name).join('、') },
    {
      title: t('draws.published'),
      key: 'published',
      width: 100,
      render: (_, d) => (d.publishedAt ? <Tag color="green">{t('draws.published')}</Tag> : <Tag>{t('draws.unpublished')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, d) => (
        <Space size={4}>
          <Button size="small" onClick={() => setShown(d)} data-testid="draw-view">
            {t('draws.detail')}
          </Button>
          <Button size="small" onClick={() => setPublishing(d)} data-testid="draw-publish">
            {d.publishedAt ? t('draws.publishResult') : t('draws.publish')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{t('draws.title')}</Typography.Title>
          <Space>
            <ExportButton path="/inspection-draws" />
            <Button type="primary" onClick={() => setRunning(true)} data-testid="draw-run">
              {t('draws.run')}
            </Button>
          </Space>
        </div>
        <Typography.Paragraph type="secondary">{t('draws.hint')}</Typography.Paragraph>
        {draws.isError && <Alert type="error" showIcon title={errorText(draws.error)} style={{ marginBottom: 16 }} />}
        <Table<DrawDto>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={draws.data?.items ?? []}
          loading={draws.isFetching}
          scroll={{ x: 900 }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: draws.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
        />
      </Card>
      <PoolCard inspectors={inspectors.data ?? []} loading={inspectors.isFetching} />
      {running && (
        <RunModal
          national={national}
          onClose={() => setRunning(false)}
          onDrawn={(d) => {
            setRunning(false);
            setShown(d);
          }}
        />
      )}
      <Drawer open={!!shown} size={640} title={t('draws.detail')} onClose={() => setShown(null)} destroyOnHidden>
        {shown && <DrawDescription draw={shown} names={names} />}
      </Drawer>
      {publishing && <PublishModal draw={publishing} onClose={() => setPublishing(null)} />}
    </Space>
  );
}

function PoolCard({ inspectors, loading }: { inspectors: { id: string; name: string; title: string | null }[]; loading: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateInspector();
  const [form] = Form.useForm<{ name: string; title?: string }>();
  return (
    <Card title={t('draws.pool')}>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        onFinish={(v) =>
          create.mutate(
            { name: v.name.trim(), title: v.title?.trim() || undefined },
            { onSuccess: () => form.resetFields(), onError: (e) => void message.error(errorText(e)) },
          )
        }
      >
        <Form.Item name="name" rules={[{ required: true, whitespace: true, min: 2, message: t('draws.inspectorName') }]}>
          <Input placeholder={t('draws.inspectorName')} maxLength={50} />
        </Form.Item>
        <Form.Item name="title">
          <Input placeholder={t('draws.inspectorTitle')} maxLength={100} />
        </Form.Item>
        <Button htmlType="submit" loading={create.isPending}>
          {t('draws.addInspector')}
        </Button>
      </Form>
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={inspectors}
        pagination={{ pageSize: 10, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('draws.inspectorName'), dataIndex: 'name', key: 'name' },
          { title: t('draws.inspectorTitle'), dataIndex: 'title', key: 'title', render: (v: string | null) => v ?? t('common.none') },
        ]}
      />
    </Card>
  );
}

interface RunValues {
  title: string;
  poolKind: DrawPoolKind;
  provinceCode?: string;
  schoolType?: string;
  certificateTypeId?: string;
  sampleSize: number;
  inspectorCount: number;
}

function RunModal({ national, onClose, onDrawn }: { national: boolean; onClose: () => void; onDrawn: (d: DrawDto) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateDraw();
  const certs = useCertificateTypeOptions();
  const provinces = useProvinces(national);
  const [form] = Form.useForm<RunValues>();
  const kind = Form.useWatch('poolKind', form);
  return (
    <Modal
      open
      title={t('draws.runTitle')}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okText={t('draws.run')}
      okButtonProps={{ 'data-testid': 'draw-run-ok' } as never}
      onOk={() =>
        void form.validateFields().then((v) =>
          create.mutate(
            {
              title: v.title.trim(),
              poolKind: v.poolKind,
              filters: {
                ...(v.provinceCode && v.poolKind === 'school' ? { provinceCode: v.provinceCode } : {}),
                ...(v.schoolType && v.poolKind === 'school' ? { schoolType: v.schoolType } : {}),
                ...(v.certificateTypeId ? { certificateTypeId: v.certificateTypeId } : {}),
              },
              sampleSize: v.sampleSize,
              inspectorCount: v.inspectorCount,
            },
            { onSuccess: onDrawn, onError: (e) => void message.error(errorText(e)) },
          ),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ poolKind: 'school', sampleSize: 1, inspectorCount: 2 }}>
        <Form.Item
          name="title"
          label={t('draws.name')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('draws.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="draw-title" />
        </Form.Item>
        <Form.Item name="poolKind" label={t('draws.poolKind')}>
          <Radio.Group options={DRAW_POOL_KINDS.map((k) => ({ value: k, label: t(`draws.poolKinds.${k}`) }))} />
        </Form.Item>
        {national && kind === 'school' && (
          <Form.Item name="provinceCode" label={t('draws.province')}>
            <Select
              allowClear
              placeholder={t('draws.all')}
              options={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
            />
          </Form.Item>
        )}
        {kind === 'school' && (
          <Form.Item name="schoolType" label={t('draws.schoolType')}>
            <Select
              allowClear
              placeholder={t('draws.all')}
              options={SCHOOL_TYPES.map((s) => ({ value: s, label: SCHOOL_TYPE_LABELS[s][lang === 'en-US' ? 'en' : 'zh'] }))}
            />
          </Form.Item>
        )}
        <Form.Item name="certificateTypeId" label={t('draws.certificate')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('draws.all')} options={certs.data ?? []} />
        </Form.Item>
        <Space>
          <Form.Item name="sampleSize" label={t('draws.sampleSize')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} />
          </Form.Item>
          <Form.Item name="inspectorCount" label={t('draws.inspectorCount')} rules={[{ required: true }]}>
            <InputNumber min={1} max={20} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function PublishModal({ draw, onClose }: { draw: DrawDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const publish = usePublishDraw();
  const [result, setResult] = useState(draw.result ?? '');
  return (
    <Modal
      open
      title={t('draws.publishTitle')}
      onCancel={onClose}
      confirmLoading={publish.isPending}
      okText={t('draws.publish')}
      onOk={() =>
        publish.mutate(
          { id: draw.id, result: result.trim() || undefined },
          { onSuccess: () => (void message.success(t('draws.published')), onClose()), onError: (e) => void message.error(errorText(e)) },
        )
      }
    >
      <Typography.Paragraph strong>{draw.title}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('draws.resultLabel')}</Typography.Paragraph>
      <Input.TextArea rows={4} maxLength={5000} value={result} onChange={(e) => setResult(e.target.value)} data-testid="draw-result" />
    </Modal>
  );
}
