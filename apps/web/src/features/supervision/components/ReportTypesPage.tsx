import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  REPORTER_KINDS,
  REPORTER_KIND_LABELS,
  REPORT_PERIODS,
  REPORT_PERIOD_LABELS,
  type CreateReportTypeRequest,
  type ReportTypeDto,
} from '@onex/shared';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  message,
  type TableProps,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useCreateReportType, useReportTypes } from '../api';
import '../locales';

/** 报送类型 (R8.1): the province's and the national report types, and a form to define one (fields as data). */
export function ReportTypesPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const types = useReportTypes();
  const [open, setOpen] = useState(false);
  const columns: TableProps<ReportTypeDto>['columns'] = [
    { title: t('sup.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('sup.level'),
      dataIndex: 'level',
      key: 'level',
      width: 90,
      render: (v: ReportTypeDto['level']) => (v === 'national' ? t('sup.levelNational') : t('sup.levelProvince')),
    },
    {
      title: t('sup.reporterKind'),
      dataIndex: 'reporterKind',
      key: 'reporter',
      width: 130,
      render: (v: ReportTypeDto['reporterKind']) => pickLabel(REPORTER_KIND_LABELS, v, lang),
    },
    {
      title: t('sup.period'),
      key: 'period',
      width: 220,
      render: (_, ty) =>
        ty.period === 'by_date'
          ? `${pickLabel(REPORT_PERIOD_LABELS, ty.period, lang)}：${ty.dueDates.join('、')}`
          : `${pickLabel(REPORT_PERIOD_LABELS, ty.period, lang)}（+${ty.deadlineDays}）`,
    },
    { title: t('sup.startsOn'), dataIndex: 'startsOn', key: 'startsOn', width: 110 },
    {
      title: t('sup.fields'),
      key: 'fields',
      render: (_, ty) => (
        <Space size={4} wrap>
          {ty.fields.map((f) => (
            <Tag key={f.key} color={f.required ? 'blue' : undefined}>
              {f.label}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('sup.missThreshold'), dataIndex: 'missThreshold', key: 'miss', width: 100 },
    { title: t('sup.active'), dataIndex: 'active', key: 'active', width: 70, render: (v: boolean) => (v ? t('sup.yes') : t('sup.no')) },
  ];
  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('sup.typesTitle')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="report-type-new">
          {t('sup.newType')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('sup.typesHint')}</Typography.Paragraph>
      {types.isError && <Alert type="error" showIcon title={errorText(types.error)} />}
      <Table<ReportTypeDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={types.data ?? []}
        loading={types.isFetching}
        pagination={false}
        scroll={{ x: 1100 }}
      />
      {open && <NewReportType onClose={() => setOpen(false)} />}
    </Card>
  );
}

type FormValues = Omit<CreateReportTypeRequest, 'startsOn' | 'dueDates'> & { startsOn: Dayjs; dueDates?: Dayjs[] };

function NewReportType({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateReportType();
  const period = Form.useWatch('period', form);
  const onFinish = (v: FormValues) => {
    create.mutate(
      {
        ...v,
        startsOn: v.startsOn.format('YYYY-MM-DD'),
        dueDates: (v.dueDates ?? []).map((d) => d.format('YYYY-MM-DD')),
        fields: v.fields.map((f) => ({ ...f, required: !!f.required })),
      },
      {
        onSuccess: () => {
          void message.success(t('sup.created'));
          onClose();
        },
        onError: (err) => void formErrors(form, err),
      },
    );
  };
  return (
    <Modal open title={t('sup.newType')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} width={760}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          reporterKind: 'department',
          period: 'weekly',
          deadlineDays: 1,
          required: true,
          missThreshold: 3,
          fields: [{ key: 'progress', label: '本期工作进展', type: 'textarea', required: true }],
        }}
      >
        <Form.Item name="name" label={t('sup.name')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="reporterKind" label={t('sup.reporterKind')}>
            <Select
              style={{ width: 180 }}
              options={REPORTER_KINDS.map((k) => ({ value: k, label: pickLabel(REPORTER_KIND_LABELS, k, lang) }))}
            />
          </Form.Item>
          <Form.Item name="period" label={t('sup.period')}>
            <Select
              style={{ width: 160 }}
              options={REPORT_PERIODS.map((p) => ({ value: p, label: pickLabel(REPORT_PERIOD_LABELS, p, lang) }))}
            />
          </Form.Item>
          <Form.Item name="startsOn" label={t('sup.startsOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          {period !== 'by_date' ? (
            <Form.Item name="deadlineDays" label={t('sup.deadlineDays')}>
              <InputNumber min={0} max={60} />
            </Form.Item>
          ) : (
            <Form.Item name="dueDates" label={t('sup.dueDates')} extra={t('sup.dueDatesHint')} rules={[{ required: true }]}>
              <DatePicker multiple style={{ minWidth: 240 }} />
            </Form.Item>
          )}
        </Space>
        <Space wrap>
          <Form.Item name="required" valuePropName="checked">
            <Checkbox>{t('sup.requiredType')}</Checkbox>
          </Form.Item>
          <Form.Item name="missThreshold" label={t('sup.missThreshold')}>
            <InputNumber min={1} max={12} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('sup.fields')}</Typography.Title>
        <Form.List name="fields">
          {(items, { add, remove }) => (
            <>
              {items.map(({ key, name }) => (
                <Space key={key} align="baseline" wrap>
                  <Form.Item
                    name={[name, 'key']}
                    rules={[{ required: true, pattern: /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, message: t('sup.fieldKey') }]}
                  >
                    <Input placeholder={t('sup.fieldKey')} style={{ width: 190 }} />
                  </Form.Item>
                  <Form.Item name={[name, 'label']} rules={[{ required: true, max: 50 }]}>
                    <Input placeholder={t('sup.fieldLabel')} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[name, 'type']} initialValue="text">
                    <Select
                      style={{ width: 120 }}
                      options={(['text', 'textarea', 'number'] as const).map((ty) => ({ value: ty, label: t(`sup.fieldTypes.${ty}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[name, 'required']} valuePropName="checked">
                    <Checkbox>{t('sup.fieldRequiredFlag')}</Checkbox>
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'text', required: false })}>
                {t('sup.addField')}
              </Button>
            </>
          )}
        </Form.List>
        {create.isError && <Alert type="error" showIcon title={errorText(create.error)} style={{ marginTop: 16 }} />}
      </Form>
    </Modal>
  );
}
