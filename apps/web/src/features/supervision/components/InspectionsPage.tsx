import { UploadOutlined } from '@ant-design/icons';
import type { InspectionDto, InspectionStatus, RectificationDto } from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
  type TableProps,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { FilterActions } from '../../../components/FilterActions';
import { NotFound } from '../../../components/ResultPages';
import { useSession } from '../../../lib/session';
import { ApiError } from '../../../lib/api';
import { chinaToday } from '../../../lib/dayjs';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import {
  useCloseInspection,
  useCreateInspection,
  useDecideRectification,
  useInspection,
  useInspections,
  useOrderRectification,
  usePilots,
  useRecordFinding,
  useReportRectification,
  useUploadEvidence,
} from '../api';
import '../locales-inspections';

export const INSPECTIONS_PATH = '/supervision/inspections';
const LEVEL_OF: Record<string, InspectionDto['inspectorLevel'] | undefined> = {
  national_admin: 'national',
  province_admin: 'province',
  school_admin: 'school',
};
const STATUS_COLOR: Record<InspectionStatus, string> = { planned: 'blue', rectifying: 'orange', closed: 'green' };

/** The actor's side of an inspection (as the server decides it): the inspecting level, or the inspected side below. */
function sideOf(role: string | undefined, i: InspectionDto): 'inspector' | 'reporter' | null {
  if (!role) return null;
  if (LEVEL_OF[role] === i.inspectorLevel) return 'inspector';
  if (i.inspectorLevel === 'school') return role === 'department_admin' ? 'reporter' : null;
  return role === 'school_admin' || role === 'department_admin' ? 'reporter' : null;
}

function StatusTags({ i }: { i: InspectionDto }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[i.status]} data-testid="inspection-status">
        {t(`inspections.statuses.${i.status}`)}
      </Tag>
      {i.overdue && <Tag color="red">{t('inspections.overdue')}</Tag>}
      {i.publishedAt && <Tag color="cyan">{t('inspections.published')}</Tag>}
    </Space>
  );
}

interface Filters {
  status?: InspectionStatus;
  text?: string;
  overdue?: boolean;
}

/** 检查与整改 (R8.2, 001 第十八条): the inspections the actor plans or is inspected by, with overdue rectifications flagged. */
export function InspectionsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { user } = useSession();
  const list = useInspections();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [planning, setPlanning] = useState(false);
  const canPlan = !!user && !!LEVEL_OF[user.role];

  const rows = useMemo(() => {
    const q = filters.text?.trim().toLowerCase();
    return (list.data ?? []).filter(
      (i) =>
        (!filters.status || i.status === filters.status) &&
        (!filters.overdue || i.overdue) &&
        (!q || [i.title, i.schoolName, i.certificateTypeName].some((s) => s.toLowerCase().includes(q))),
    );
  }, [list.data, filters]);

  const columns: TableProps<InspectionDto>['columns'] = [
    {
      title: t('inspections.name'),
      key: 'title',
      render: (_, i) => <Link to={`${INSPECTIONS_PATH}/${i.id}`}>{i.title}</Link>,
    },
    { title: t('inspections.school'), dataIndex: 'schoolName', key: 'school' },
    { title: t('inspections.certificate'), dataIndex: 'certificateTypeName', key: 'cert' },
    { title: t('inspections.plannedOn'), dataIndex: 'plannedOn', key: 'plannedOn', width: 110 },
    { title: t('inspections.status'), key: 'status', width: 200, render: (_, i) => <StatusTags i={i} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, i) => (
        <Button size="small" onClick={() => navigate(`${INSPECTIONS_PATH}/${i.id}`)} data-testid={`inspection-open-${i.title}`}>
          {t('inspections.view')}
        </Button>
      ),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('inspections.title')}</Typography.Title>
        {canPlan && (
          <Button type="primary" onClick={() => setPlanning(true)} data-testid="inspection-plan">
            {t('inspections.plan')}
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">{t('inspections.hint')}</Typography.Paragraph>
      <Form<Filters> form={form} layout="inline" onFinish={setFilters} className="filter-bar" style={{ rowGap: 12 }}>
        <Form.Item name="status" style={{ marginInlineEnd: 0 }}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('inspections.filterStatus')}
            options={(['planned', 'rectifying', 'closed'] as const).map((s) => ({ value: s, label: t(`inspections.statuses.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="text" style={{ marginInlineEnd: 0 }}>
          <Input allowClear style={{ width: 220 }} placeholder={t('inspections.filterText')} />
        </Form.Item>
        <Form.Item name="overdue" valuePropName="checked" style={{ marginInlineEnd: 0 }}>
          <Checkbox>{t('inspections.onlyOverdue')}</Checkbox>
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.resetFields();
            setFilters({});
          }}
          onRefresh={() => void list.refetch()}
        />
      </Form>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<InspectionDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('inspections.empty') }}
        pagination={{ showTotal: (total) => t('common.total', { total }) }}
      />
      {planning && <PlanModal onClose={() => setPlanning(false)} onCreated={(id) => navigate(`${INSPECTIONS_PATH}/${id}`)} />}
    </Card>
  );
}

function PlanModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const pilots = usePilots(true);
  const create = useCreateInspection();
  const [form] = Form.useForm<{ filingId: string; title: string; plannedOn: Dayjs; extra?: string }>();
  return (
    <Modal
      open
      title={t('inspections.planTitle')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'plan-submit' } as never}
      confirmLoading={create.isPending}
      onOk={() =>
        void form.validateFields().then((v) =>
          create.mutate(
            {
              filingId: v.filingId,
              title: v.title.trim(),
              plannedOn: v.plannedOn.format('YYYY-MM-DD'),
              extraItems: (v.extra ?? '')
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean)
                .map((label, n) => ({ key: `extra_${n + 1}`, label })),
            },
            {
              onSuccess: (i) => (void message.success(t('inspections.done')), onClose(), onCreated(i.id)),
              onError: (e) => void message.error(errorText(e)),
            },
          ),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ plannedOn: chinaToday() }}>
        <Form.Item name="filingId" label={t('inspections.pilot')} rules={[{ required: true, message: t('inspections.pilotRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={pilots.isLoading}
            options={(pilots.data ?? []).map((f) => ({ value: f.id, label: `${f.schoolName} · ${f.certificateTypeName}` }))}
            data-testid="plan-pilot"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('inspections.name')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('inspections.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="plan-title" />
        </Form.Item>
        <Form.Item
          name="plannedOn"
          label={t('inspections.plannedOn')}
          rules={[{ required: true, message: t('inspections.plannedOnRequired') }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="extra" label={t('inspections.extraItems')} extra={t('inspections.extraItemsHint')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="plan-extra" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Uploads PDFs as they are chosen and keeps their ids for the form. */
function EvidenceUpload({ inspectionId, value, onChange }: { inspectionId: string; value: FileRef[]; onChange: (v: FileRef[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useUploadEvidence(inspectionId);
  return (
    <Upload
      accept=".pdf,application/pdf"
      multiple
      fileList={value.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const }))}
      onRemove={(f) => onChange(value.filter((x) => x.id !== f.uid))}
      beforeUpload={(f) => {
        upload.mutate(f, {
          onSuccess: (stored) => onChange([...value, { id: stored.id, name: stored.name }]),
          onError: (e) => void message.error(errorText(e)),
        });
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="evidence-upload">
        {t('inspections.upload')}
      </Button>
    </Upload>
  );
}
interface FileRef {
  id: string;
  name: string;
}

const FileLinks = ({ ids }: { ids: string[] }) => {
  const { t } = useTranslation();
  return ids.length === 0 ? null : (
    <Space size={8} wrap>
      {ids.map((id, n) => (
        <a key={id} href={`/api/v1/files/${encodeURIComponent(id)}`} target="_blank" rel="noreferrer">
          {t('inspections.file')} {n + 1}
        </a>
      ))}
    </Space>
  );
};

/** One inspection: items and findings, rectification rounds, and the actions of the actor's side. */
export function InspectionDetailPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id = '' } = useParams();
  const { user } = useSession();
  const one = useInspection(id);
  const i = one.data;
  if (one.isLoading) return <Card loading />;
  if (one.error instanceof ApiError && one.error.status === 404) return <NotFound />;
  if (one.isError || !i) return <Alert type="error" showIcon title={errorText(one.error)} />;
  const side = sideOf(user?.role, i);
  const open = i.rectifications.find((r) => r.status === 'open' || r.status === 'reported');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="inspection-detail">
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{i.title}</Typography.Title>
          <StatusTags i={i} />
        </div>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'school', label: t('inspections.school'), children: i.schoolName },
            { key: 'cert', label: t('inspections.certificate'), children: i.certificateTypeName },
            { key: 'plannedOn', label: t('inspections.plannedOn'), children: i.plannedOn },
            ...(i.result
              ? [
                  {
                    key: 'result',
                    label: t('inspections.result'),
                    children: (
                      <span data-testid="inspection-result">
                        {i.result}
                        {i.publishedAt ? `（${t('inspections.published')} ${formatDateTime(i.publishedAt)}）` : ''}
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card title={t('inspections.findings')}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={i.items}
          columns={[
            { title: t('inspections.item'), dataIndex: 'label', key: 'label', width: 180 },
            {
              title: t('inspections.findings'),
              key: 'findings',
              render: (_, item) => {
                const fs = i.findings.filter((f) => f.itemKey === item.key);
                if (fs.length === 0) return <Typography.Text type="secondary">{t('inspections.noFindings')}</Typography.Text>;
                return (
                  <Space orientation="vertical" size={4}>
                    {fs.map((f) => (
                      <div key={f.at}>
                        <Tag color={f.issue ? 'red' : 'green'}>{f.issue ? t('inspections.issue') : t('inspections.noIssue')}</Tag>
                        {f.finding} <FileLinks ids={f.fileIds} />
                      </div>
                    ))}
                  </Space>
                );
              },
            },
          ]}
        />
        {side === 'inspector' && i.status !== 'closed' && <FindingForm i={i} />}
      </Card>
      <Card title={t('inspections.rectifications')}>
        {i.rectifications.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Timeline items={i.rectifications.map((r) => ({ color: orderColor(r), content: <OrderView i={i} r={r} side={side} /> }))} />
        )}
        {side === 'inspector' && i.status !== 'closed' && !open && <OrderForm i={i} />}
      </Card>
      {side === 'inspector' && i.status !== 'closed' && !open && <CloseForm i={i} />}
    </Space>
  );
}

const orderColor = (r: RectificationDto) =>
  r.overdue ? 'red' : r.status === 'accepted' ? 'green' : r.status === 'reordered' ? 'gray' : r.status === 'reported' ? 'blue' : 'orange';

function OrderView({ i, r, side }: { i: InspectionDto; r: RectificationDto; side: 'inspector' | 'reporter' | null }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`rectification-${r.round}`}>
      <Space wrap>
        <Typography.Text strong>{t('inspections.round', { round: r.round })}</Typography.Text>
        <Tag data-testid="rectification-status">{t(`inspections.orderStatuses.${r.status}`)}</Tag>
        {r.overdue && <Tag color="red">{t('inspections.overdue')}</Tag>}
        <Typography.Text type="secondary">
          {t('inspections.deadline')} {r.deadline}
        </Typography.Text>
      </Space>
      <div>
        {t('inspections.requirement')}：{r.requirement}
      </div>
      {r.report && (
        <div>
          {t('inspections.report')}：{r.report} <FileLinks ids={r.reportFileIds} />
        </div>
      )}
      {r.decisionComment && (
        <div>
          {t('inspections.comment')}：{r.decisionComment}
        </div>
      )}
      {side === 'reporter' && r.status === 'open' && <ReportForm i={i} r={r} />}
      {side === 'inspector' && r.status === 'reported' && <DecisionForm i={i} r={r} />}
    </div>
  );
}

function useDone() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  return {
    onSuccess: () => void message.success(t('inspections.done')),
    onError: (e: unknown) => void message.error(errorText(e)),
  };
}

function FindingForm({ i }: { i: InspectionDto }) {
  const { t } = useTranslation();
  const record = useRecordFinding(i.id);
  const done = useDone();
  const [form] = Form.useForm<{ itemKey: string; finding: string; issue: boolean; files: FileRef[] }>();
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 16, maxWidth: 720 }}
      initialValues={{ issue: false, files: [] }}
      onFinish={(v) =>
        record.mutate(
          { itemKey: v.itemKey, finding: v.finding.trim(), issue: v.issue, fileIds: v.files.map((f) => f.id) },
          { ...done, onSuccess: () => (done.onSuccess(), form.resetFields()) },
        )
      }
      data-testid="finding-form"
    >
      <Typography.Title level={5}>{t('inspections.recordFinding')}</Typography.Title>
      <Space wrap align="start">
        <Form.Item name="itemKey" label={t('inspections.item')} rules={[{ required: true, message: t('inspections.itemRequired') }]}>
          <Select style={{ width: 200 }} options={i.items.map((x) => ({ value: x.key, label: x.label }))} data-testid="finding-item" />
        </Form.Item>
        <Form.Item name="issue" label={t('inspections.isIssue')} valuePropName="checked">
          <Switch data-testid="finding-issue" />
        </Form.Item>
      </Space>
      <Form.Item
        name="finding"
        label={t('inspections.finding')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('inspections.findingRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="finding-text" />
      </Form.Item>
      <Form.Item name="files" label={t('inspections.evidence')} valuePropName="value">
        <EvidenceField inspectionId={i.id} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="finding-submit">
        {t('inspections.recordFinding')}
      </Button>
    </Form>
  );
}

/** EvidenceUpload as a form control (value/onChange injected by Form.Item). */
function EvidenceField({
  inspectionId,
  value = [],
  onChange,
}: {
  inspectionId: string;
  value?: FileRef[];
  onChange?: (v: FileRef[]) => void;
}) {
  return <EvidenceUpload inspectionId={inspectionId} value={value} onChange={(v) => onChange?.(v)} />;
}

function OrderForm({ i }: { i: InspectionDto }) {
  const { t } = useTranslation();
  const order = useOrderRectification(i.id);
  const done = useDone();
  const [form] = Form.useForm<{ requirement: string; deadline: Dayjs }>();
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 16, maxWidth: 720 }}
      onFinish={(v) => order.mutate({ requirement: v.requirement.trim(), deadline: v.deadline.format('YYYY-MM-DD') }, done)}
      data-testid="order-form"
    >
      <Typography.Title level={5}>{t('inspections.orderRectification')}</Typography.Title>
      <Form.Item
        name="requirement"
        label={t('inspections.requirement')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('inspections.requirementRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={2000} data-testid="order-requirement" />
      </Form.Item>
      <Form.Item name="deadline" label={t('inspections.deadline')} rules={[{ required: true, message: t('inspections.deadlineRequired') }]}>
        <DateField testId="order-deadline" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={order.isPending} data-testid="order-submit">
        {t('inspections.orderRectification')}
      </Button>
    </Form>
  );
}

/** A date picker (today or later) that e2e journeys can also fill by typing. */
function DateField({ value, onChange, testId }: { value?: Dayjs | null; onChange?: (v: Dayjs | null) => void; testId: string }) {
  return (
    <DatePicker
      value={value ?? null}
      onChange={(d) => onChange?.(d)}
      disabledDate={(d) => d.isBefore(chinaToday(), 'day')}
      data-testid={testId}
    />
  );
}

function ReportForm({ i, r }: { i: InspectionDto; r: RectificationDto }) {
  const { t } = useTranslation();
  const report = useReportRectification(i.id);
  const done = useDone();
  const [form] = Form.useForm<{ report: string; files: FileRef[] }>();
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 12, maxWidth: 720 }}
      initialValues={{ files: [] }}
      onFinish={(v) => report.mutate({ orderId: r.id, report: v.report.trim(), fileIds: v.files.map((f) => f.id) }, done)}
      data-testid="report-form"
    >
      <Form.Item
        name="report"
        label={t('inspections.report')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('inspections.reportRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={5000} data-testid="report-text" />
      </Form.Item>
      <Form.Item name="files" label={t('inspections.evidence')} valuePropName="value">
        <EvidenceField inspectionId={i.id} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="report-submit">
        {t('inspections.submitReport')}
      </Button>
    </Form>
  );
}

function DecisionForm({ i, r }: { i: InspectionDto; r: RectificationDto }) {
  const { t } = useTranslation();
  const decide = useDecideRectification(i.id);
  const done = useDone();
  const [form] = Form.useForm<{ decision: 'accept' | 'reorder'; comment: string; deadline?: Dayjs }>();
  const decision = Form.useWatch('decision', form);
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 12, maxWidth: 720 }}
      initialValues={{ decision: 'accept' }}
      onFinish={(v) =>
        decide.mutate({ orderId: r.id, decision: v.decision, comment: v.comment.trim(), deadline: v.deadline?.format('YYYY-MM-DD') }, done)
      }
      data-testid="decision-form"
    >
      <Typography.Title level={5}>{t('inspections.decide')}</Typography.Title>
      <Form.Item name="decision" label={t('inspections.decision')}>
        <Radio.Group
          options={[
            { value: 'accept', label: t('inspections.accept') },
            { value: 'reorder', label: t('inspections.reorder') },
          ]}
          data-testid="decision-choice"
        />
      </Form.Item>
      <Form.Item
        name="comment"
        label={t('inspections.comment')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('inspections.commentRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={2000} data-testid="decision-comment" />
      </Form.Item>
      {decision === 'reorder' && (
        <Form.Item
          name="deadline"
          label={t('inspections.newDeadline')}
          rules={[{ required: true, message: t('inspections.deadlineRequired') }]}
        >
          <DateField testId="decision-deadline" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={decide.isPending} data-testid="decision-submit">
        {t('common.submit')}
      </Button>
    </Form>
  );
}

function CloseForm({ i }: { i: InspectionDto }) {
  const { t } = useTranslation();
  const close = useCloseInspection(i.id);
  const done = useDone();
  const [form] = Form.useForm<{ result: string; publish: boolean }>();
  return (
    <Card title={t('inspections.close')}>
      <Typography.Paragraph type="secondary">{t('inspections.closeHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{ publish: false }}
        onFinish={(v) => close.mutate({ result: v.result.trim(), publish: v.publish }, done)}
        data-testid="close-form"
      >
        <Form.Item
          name="result"
          label={t('inspections.result')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('inspections.resultRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={5000} data-testid="close-result" />
        </Form.Item>
        <Form.Item name="publish" valuePropName="checked">
          <Checkbox data-testid="close-publish">{t('inspections.publish')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={close.isPending} data-testid="close-submit">
          {t('inspections.close')}
        </Button>
      </Form>
    </Card>
  );
}
