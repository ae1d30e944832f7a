import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  CERTIFICATE_LEVELS,
  TRAINING_FEE_STANDARD,
  TRAINING_PLAN_TRANSITIONS,
  type CoverageRowDto,
  type QualificationDto,
  type TrainingPlanDto,
  type TrainingRecordDto,
} from '@onex/shared';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Tabs, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { FormModal } from '../../../components/FormModal';
import { PagedTable } from '../../../components/PagedTable';
import { formatFen } from '../../../lib/money';
import { useShowError } from '../../../lib/useShowError';
import { useUser } from '../../../lib/session';
import {
  useCoverage,
  useCreatePlan,
  useCreateQualification,
  useCreateRecord,
  usePilots,
  usePlanAction,
  usePlans,
  useQualifications,
  useRecords,
} from '../api';
import '../locales';

const WRITERS = ['school_admin', 'department_admin', 'project_leader'];

/** 师资与考评员培训 (R9.3): plans with their approval, records with the fee flag, teachers' certificates, coverage. */
export function TrainingPage() {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('training.title')}</Typography.Title>
      <Tabs
        items={[
          { key: 'plans', label: t('training.plans'), children: <Plans /> },
          { key: 'records', label: t('training.records'), children: <Records /> },
          { key: 'qualifications', label: t('training.qualifications'), children: <Qualifications /> },
          { key: 'coverage', label: t('training.coverage'), children: <Coverage /> },
        ]}
      />
    </Space>
  );
}

function usePaging() {
  const [page, setPage] = useState(1);
  return { page, setPage, pageSize: 20 };
}

/** 新建… for the roles that record training; nothing for the others. */
function NewButton({ label, onClick }: { label: string; onClick: () => void }) {
  const me = useUser();
  if (!WRITERS.includes(me.role)) return null;
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick}>
      {label}
    </Button>
  );
}

function Plans() {
  const { t } = useTranslation();
  const me = useUser();
  const p = usePaging();
  const q = usePlans({ page: p.page, pageSize: p.pageSize });
  const act = usePlanAction();
  const [creating, setCreating] = useState(false);
  const { modal } = App.useApp();
  const showError = useShowError();
  const run = (plan: TrainingPlanDto, action: TrainingPlanDto['events'][number]['action']) => {
    const go = (comment?: string) =>
      act.mutate({ id: plan.id, action: action as never, ...(comment ? { comment } : {}) }, { onError: showError });
    if (action !== 'return') return go();
    let comment = '';
    modal.confirm({
      title: t('training.returnComment'),
      content: <Input.TextArea onChange={(e) => (comment = e.target.value)} />,
      onOk: () => go(comment),
    });
  };
  const columns = [
    { title: t('training.planTitle'), dataIndex: 'title', key: 'title' },
    { title: t('training.school'), dataIndex: 'schoolName', key: 'schoolName' },
    { title: t('training.certificate'), dataIndex: 'certificateTypeName', key: 'certificateTypeName' },
    { title: t('training.year'), dataIndex: 'year', key: 'year' },
    { title: t('training.kind'), dataIndex: 'kind', key: 'kind', render: (v: string) => t(`training.k.${v}`) },
    { title: t('training.scale'), dataIndex: 'studentScale', key: 'studentScale' },
    {
      title: t('training.planned'),
      key: 'planned',
      render: (_: unknown, r: TrainingPlanDto) => (
        <Space>
          {r.plannedTrainees}
          {r.undersized && <Tag color="orange">{`${t('training.undersized')}（${r.requiredTrainees}）`}</Tag>}
        </Space>
      ),
    },
    { title: t('training.status'), dataIndex: 'status', key: 'status', render: (v: string) => <Tag>{t(`training.st.${v}`)}</Tag> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, r: TrainingPlanDto) => (
        <Space wrap>
          {TRAINING_PLAN_TRANSITIONS.filter((x) => x.from.includes(r.status) && x.roles.includes(me.role)).map((x) => (
            <Button key={x.action} size="small" onClick={() => run(r, x.action)}>
              {t(`training.act.${x.action}`)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <Card
      extra={
        <Space>
          <NewButton label={t('training.newPlan')} onClick={() => setCreating(true)} />
          <ExportButton path="/training-plans" />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('training.chain')}</Typography.Paragraph>
      <PagedTable rowKey="id" columns={columns} query={q} page={p.page} pageSize={p.pageSize} onPage={p.setPage} />
      {creating && <PlanModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

function PilotSelect(props: { value?: string; onChange?: (v: string) => void }) {
  const pilots = usePilots(true);
  return (
    <Select
      {...props}
      loading={pilots.isLoading}
      options={(pilots.data ?? []).map((f) => ({ value: f.id, label: `${f.certificateTypeName}（${f.departmentName ?? f.schoolName}）` }))}
    />
  );
}

function PlanModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const create = useCreatePlan();
  const showError = useShowError();
  return (
    <FormModal
      title={t('training.newPlan')}
      form={form}
      pending={create.isPending}
      onClose={onClose}
      onOk={(v) => create.mutate(v, { onSuccess: onClose, onError: showError })}
    >
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear(), kind: 'teacher' }}>
        <Form.Item name="filingId" label={t('training.pilot')} rules={[{ required: true }]}>
          <PilotSelect />
        </Form.Item>
        <Form.Item name="year" label={t('training.year')} rules={[{ required: true }]}>
          <InputNumber min={2019} max={2100} />
        </Form.Item>
        <Form.Item name="kind" label={t('training.kind')} rules={[{ required: true }]}>
          <Select options={(['teacher', 'assessor'] as const).map((k) => ({ value: k, label: t(`training.k.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('training.planTitle')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="plannedTrainees" label={t('training.planned')} rules={[{ required: true }]}>
          <InputNumber min={1} max={10000} />
        </Form.Item>
        <Form.Item name="content" label={t('training.content')} rules={[{ required: true }]}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function Records() {
  const { t } = useTranslation();
  const p = usePaging();
  const [above, setAbove] = useState(false);
  const query = { page: p.page, pageSize: p.pageSize, ...(above ? { feeAboveStandard: 'true' } : {}) };
  const q = useRecords(query);
  const [creating, setCreating] = useState(false);
  const columns = [
    { title: t('training.teacher'), dataIndex: 'teacherName', key: 'teacherName' },
    { title: t('training.school'), dataIndex: 'schoolName', key: 'schoolName' },
    { title: t('training.kind'), dataIndex: 'kind', key: 'kind', render: (v: string) => t(`training.k.${v}`) },
    { title: t('training.course'), dataIndex: 'course', key: 'course' },
    { title: t('training.provider'), dataIndex: 'provider', key: 'provider' },
    { title: t('training.startDate'), dataIndex: 'startDate', key: 'startDate', className: 'col-nowrap' },
    { title: t('training.days'), dataIndex: 'days', key: 'days' },
    { title: t('training.hours'), dataIndex: 'hours', key: 'hours' },
    {
      title: t('training.fee'),
      key: 'fee',
      render: (_: unknown, r: TrainingRecordDto) => (
        <Space>
          {formatFen(r.feeFen)}
          {r.feeAboveStandard && (
            <Tag color="red" data-testid="fee-flag">
              {t('training.aboveStandard')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('training.standard'), dataIndex: 'standardFen', key: 'standardFen', render: (v: number) => formatFen(v) },
    { title: t('training.workload'), dataIndex: 'workloadHours', key: 'workloadHours' },
  ];
  return (
    <Card
      extra={
        <Space>
          <Switch checked={above} onChange={(v) => (setAbove(v), p.setPage(1))} /> {t('training.onlyAbove')}
          <NewButton label={t('training.newRecord')} onClick={() => setCreating(true)} />
          <ExportButton path="/training-records" query={query} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('training.feeRule', { source: TRAINING_FEE_STANDARD.source })}</Typography.Paragraph>
      <PagedTable rowKey="id" columns={columns} query={q} page={p.page} pageSize={p.pageSize} onPage={p.setPage} />
      {creating && <RecordModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

function RecordModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const create = useCreateRecord();
  const showError = useShowError();
  return (
    <FormModal
      title={t('training.newRecord')}
      form={form}
      pending={create.isPending}
      onClose={onClose}
      onOk={(v) =>
        create.mutate(
          { ...v, startDate: v.startDate.format('YYYY-MM-DD'), feeFen: Math.round((v.fee ?? 0) * 100), fee: undefined },
          { onSuccess: onClose, onError: showError },
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'teacher', days: 1, hours: 8, workloadHours: 8, fee: 0 }}>
        <Form.Item name="filingId" label={t('training.pilot')} rules={[{ required: true }]}>
          <PilotSelect />
        </Form.Item>
        <Form.Item name="kind" label={t('training.kind')} rules={[{ required: true }]}>
          <Select options={(['teacher', 'assessor'] as const).map((k) => ({ value: k, label: t(`training.k.${k}`) }))} />
        </Form.Item>
        {(['teacherName', 'course', 'provider'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t(`training.${k === 'teacherName' ? 'teacher' : k}`)} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        ))}
        <Form.Item name="startDate" label={t('training.startDate')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Space>
          <Form.Item name="days" label={t('training.days')} rules={[{ required: true }]}>
            <InputNumber min={1} max={365} />
          </Form.Item>
          <Form.Item name="hours" label={t('training.hours')} rules={[{ required: true }]}>
            <InputNumber min={0} max={2000} precision={1} />
          </Form.Item>
          <Form.Item name="fee" label={t('training.fee')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} />
          </Form.Item>
          <Form.Item name="workloadHours" label={t('training.workload')} rules={[{ required: true }]}>
            <InputNumber min={0} max={2000} precision={1} />
          </Form.Item>
        </Space>
      </Form>
    </FormModal>
  );
}

function Qualifications() {
  const { t } = useTranslation();
  const p = usePaging();
  const q = useQualifications({ page: p.page, pageSize: p.pageSize });
  const [creating, setCreating] = useState(false);
  const columns = [
    { title: t('training.teacher'), dataIndex: 'teacherName', key: 'teacherName' },
    { title: t('training.school'), dataIndex: 'schoolName', key: 'schoolName' },
    {
      title: t('training.qKind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (v: string) => t(v === 'assessor' ? 'training.k.assessorQ' : 'training.k.x_certificate'),
    },
    { title: t('training.certificate'), dataIndex: 'certificateTypeName', key: 'certificateTypeName' },
    { title: t('training.number'), dataIndex: 'number', key: 'number' },
    { title: t('training.issuedOn'), dataIndex: 'issuedOn', key: 'issuedOn', className: 'col-nowrap' },
    {
      title: t('training.evidence'),
      key: 'evidence',
      render: (_: unknown, r: QualificationDto) => <a href={`/api/v1/files/${r.evidenceFileId}`}>{t('training.evidence')}</a>,
    },
  ];
  return (
    <Card
      extra={
        <Space>
          <NewButton label={t('training.newQualification')} onClick={() => setCreating(true)} />
          <ExportButton path="/teacher-qualifications" />
        </Space>
      }
    >
      <PagedTable rowKey="id" columns={columns} query={q} page={p.page} pageSize={p.pageSize} onPage={p.setPage} />
      {creating && <QualificationModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

function QualificationModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const pilots = usePilots(true);
  const [file, setFile] = useState<File | null>(null);
  const create = useCreateQualification();
  const { message } = App.useApp();
  const showError = useShowError();
  const types = [...new Map((pilots.data ?? []).map((f) => [f.certificateTypeId, f.certificateTypeName])).entries()];
  return (
    <FormModal
      title={t('training.newQualification')}
      form={form}
      pending={create.isPending}
      onClose={onClose}
      onOk={(v) => {
        if (!file) return void message.error(t('training.evidenceHint'));
        const fields: Record<string, string> = { ...v, issuedOn: v.issuedOn.format('YYYY-MM-DD') };
        if (!v.level) delete fields.level;
        create.mutate({ fields, file }, { onSuccess: onClose, onError: showError });
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'x_certificate' }}>
        <Form.Item name="teacherName" label={t('training.teacher')} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label={t('training.qKind')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'x_certificate', label: t('training.k.x_certificate') },
              { value: 'assessor', label: t('training.k.assessorQ') },
            ]}
          />
        </Form.Item>
        <Form.Item name="certificateTypeId" label={t('training.certificate')} rules={[{ required: true }]}>
          <Select options={types.map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="level" label={t('training.level')}>
          <Select allowClear options={CERTIFICATE_LEVELS.map((l) => ({ value: l, label: t(`catalog.level.${l}`, l) }))} />
        </Form.Item>
        <Form.Item name="number" label={t('training.number')} rules={[{ required: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('training.issuedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Upload accept="application/pdf,image/png,image/jpeg" maxCount={1} beforeUpload={(f) => (setFile(f), false)}>
          <Button icon={<UploadOutlined />}>{`${t('training.evidence')}（${t('training.evidenceHint')}）`}</Button>
        </Upload>
      </Form>
    </FormModal>
  );
}

function Coverage() {
  const { t } = useTranslation();
  const p = usePaging();
  const [shortOnly, setShortOnly] = useState(false);
  const query = { page: p.page, pageSize: p.pageSize, ...(shortOnly ? { shortOnly: 'true' } : {}) };
  const q = useCoverage(query);
  const ratio = (a: number, b: number) => `${a} / ${b}`;
  const columns = [
    { title: t('training.school'), dataIndex: 'schoolName', key: 'schoolName' },
    { title: t('training.certificate'), dataIndex: 'certificateTypeName', key: 'certificateTypeName' },
    { title: t('training.scale'), dataIndex: 'studentScale', key: 'studentScale' },
    {
      title: t('training.trainedTeachers'),
      key: 'teachers',
      render: (_: unknown, r: CoverageRowDto) => ratio(r.trainedTeachers, r.requiredTeachers),
    },
    {
      title: t('training.assessors'),
      key: 'assessors',
      render: (_: unknown, r: CoverageRowDto) => ratio(r.qualifiedAssessors, r.requiredAssessors),
    },
    {
      title: t('training.status'),
      key: 'short',
      render: (_: unknown, r: CoverageRowDto) =>
        r.short ? <Tag color="red">{t('training.short')}</Tag> : <Tag color="green">{t('training.enough')}</Tag>,
    },
  ];
  return (
    <Card
      extra={
        <Space>
          <Switch checked={shortOnly} onChange={(v) => (setShortOnly(v), p.setPage(1))} /> {t('training.shortOnly')}
          <ExportButton path="/training-coverage" query={query} />
        </Space>
      }
    >
      <PagedTable rowKey="filingId" columns={columns} query={q} page={p.page} pageSize={p.pageSize} onPage={p.setPage} />
    </Card>
  );
}
