import { CheckCircleFilled, CloseCircleFilled, DeleteOutlined, EditOutlined, FormOutlined, PlusOutlined } from '@ant-design/icons';
import type { EligibilityFactDto, MajorYearDto, SchoolDto, SchoolMajorDto } from '@onex/shared';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useCreateMajor, useDeleteMajor, useDepartments, useSchoolMajors, useUpdateMajor } from '../api';
import { FiguresDrawer } from './FiguresDrawer';

export function EligibilityBadges({ facts }: { facts: readonly EligibilityFactDto[] }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={4} data-testid="eligibility">
      {facts.map((f) => (
        <Tooltip
          key={f.id}
          title={
            <>
              <div>{f.label}</div>
              <div>{t('schools.eligibilitySource', { source: f.source })}</div>
            </>
          }
        >
          <Tag
            color={f.passed ? 'success' : 'error'}
            icon={f.passed ? <CheckCircleFilled /> : <CloseCircleFilled />}
            style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}
            data-testid={`eligibility-${f.id}`}
          >
            {f.message}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

function MajorModal({
  school,
  major,
  open,
  onClose,
}: {
  school: SchoolDto;
  major: SchoolMajorDto | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ departmentId: string; majorCode: string; name: string }>();
  const create = useCreateMajor();
  const update = useUpdateMajor();
  const m = major ? update : create;
  const depts = useDepartments(school.id);
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  return (
    <Modal
      open={open}
      title={major ? t('schools.editMajor') : t('schools.addMajor')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
      destroyOnHidden
    >
      {m.isError && <Alert type="error" showIcon title={errorText(m.error)} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={major ? { departmentId: major.departmentId, majorCode: major.majorCode, name: major.name } : {}}
        onFinish={(v) => {
          const body = { departmentId: v.departmentId, majorCode: v.majorCode.trim().toUpperCase(), name: v.name.trim() };
          const done = {
            onSuccess: () => {
              void message.success(t('common.savedOk'));
              onClose();
            },
            onError: (err: unknown) => showFieldErrors(form, err, { SCHOOL_MAJOR_EXISTS: 'majorCode' }),
          };
          if (major) update.mutate({ id: major.id, body }, done);
          else create.mutate({ schoolId: school.id, body }, done);
        }}
      >
        <Form.Item
          name="departmentId"
          label={t('schools.department')}
          rules={[{ required: true, message: t('schools.departmentRequired') }]}
        >
          <Select
            options={(depts.data ?? [])
              .filter((d) => d.allowedActions.includes('addMajor') || d.id === major?.departmentId)
              .map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          name="majorCode"
          label={t('schools.majorCode')}
          rules={[{ required: true, pattern: /^\d{6}[A-Za-z]{0,2}$/, message: t('schools.majorCodeRule') }]}
        >
          <Input maxLength={8} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="name" label={t('schools.majorName')} rules={[{ required: true, whitespace: true, min: 2 }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MajorsTab({ school }: { school: SchoolDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [departmentId, setDepartmentId] = useState<string | undefined>(undefined);
  const majors = useSchoolMajors(school.id, year);
  const depts = useDepartments(school.id);
  const del = useDeleteMajor();
  const [editing, setEditing] = useState<SchoolMajorDto | null | 'new'>(null);
  const [figures, setFigures] = useState<SchoolMajorDto | null>(null);
  const shownYear = year ?? majors.data?.[0]?.eligibilityYear ?? new Date().getFullYear();
  const canAdd = (depts.data ?? []).some((d) => d.allowedActions.includes('addMajor'));
  const rows = (majors.data ?? []).filter((m) => !departmentId || m.departmentId === departmentId);
  const yearOf = (m: SchoolMajorDto): MajorYearDto | undefined => m.years.find((y) => y.year === shownYear);
  const num = (pick: (y: MajorYearDto) => number) => (_: unknown, m: SchoolMajorDto) => {
    const y = yearOf(m);
    return y ? pick(y) : <Typography.Text type="secondary">—</Typography.Text>;
  };

  const columns: TableProps<SchoolMajorDto>['columns'] = [
    {
      title: t('schools.major'),
      key: 'major',
      width: 190,
      fixed: 'left',
      render: (_, m) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{m.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.majorCode} · {m.departmentName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('schools.eligibility'), key: 'eligibility', width: 300, render: (_, m) => <EligibilityBadges facts={m.eligibility} /> },
    { title: t('schools.fig.enrolledStudents'), key: 'enrolled', width: 90, render: num((y) => y.enrolledStudents) },
    { title: t('schools.fig.fullTimeTeachers'), key: 'ft', width: 90, render: num((y) => y.fullTimeTeachers) },
    { title: t('schools.fig.partTimeTeachers'), key: 'pt', width: 90, render: num((y) => y.partTimeTeachers) },
    { title: t('schools.fig.seniorTitleTeachers'), key: 'senior', width: 80, render: num((y) => y.seniorTitleTeachers) },
    { title: t('schools.fig.dualQualifiedTeachers'), key: 'dual', width: 80, render: num((y) => y.dualQualifiedTeachers) },
    { title: t('schools.fig.industryExpertTeachers'), key: 'expert', width: 100, render: num((y) => y.industryExpertTeachers) },
    {
      title: t('schools.fig.nationalInnovationTeam'),
      key: 'team',
      width: 110,
      render: (_, m) => {
        const y = yearOf(m);
        return y ? (y.nationalInnovationTeam ? t('schools.yes') : t('schools.no')) : '—';
      },
    },
    {
      title: t('schools.fig.trainingRooms'),
      key: 'rooms',
      width: 220,
      render: (_, m) =>
        yearOf(m)?.trainingRooms.map((r, i) => (
          <div key={i}>
            {r.name}（{r.areaM2} m²，{t('schools.workstationsN', { n: r.workstations })}）
          </div>
        )) ?? '—',
    },
    {
      title: t('schools.fig.offCampusBases'),
      key: 'bases',
      width: 200,
      render: (_, m) => yearOf(m)?.offCampusBases.map((b, i) => <div key={i}>{b.name}</div>) ?? '—',
    },
    { title: t('schools.fig.lastYearUsage'), key: 'usage', width: 100, render: num((y) => y.lastYearUsage) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, m) => (
        <Space orientation="vertical" size={0} align="start">
          {m.allowedActions.includes('editFigures') && (
            <Button type="link" size="small" icon={<FormOutlined />} onClick={() => setFigures(m)} data-testid={`figures-${m.majorCode}`}>
              {t('schools.editFigures')}
            </Button>
          )}
          {m.allowedActions.includes('update') && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(m)}>
              {t('schools.editMajor')}
            </Button>
          )}
          {m.allowedActions.includes('delete') && (
            <Popconfirm
              title={t('schools.confirmDeleteMajor', { name: m.name })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                del
                  .mutateAsync(m.id)
                  .then(() => void message.success(t('schools.majorDeleted')))
                  .catch((err: unknown) => void message.error(errorText(err)))
              }
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                {t('orgs.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

  return (
    <>
      <div className="filter-bar">
        <Space>
          <span>{t('schools.year')}</span>
          <Select<number>
            style={{ width: 110 }}
            value={shownYear}
            onChange={(y) => setYear(y)}
            options={[...new Set([...years, shownYear])]
              .sort((a, b) => b - a)
              .map((y) => ({ value: y, label: t('schools.yearN', { year: y }) }))}
            data-testid="majors-year"
          />
        </Space>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('schools.allDepartments')}
          value={departmentId}
          onChange={(v?: string) => setDepartmentId(v)}
          options={(depts.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
        {canAdd && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-major">
            {t('schools.addMajor')}
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('schools.eligibilityNote', { year: shownYear })}
      </Typography.Paragraph>
      {majors.isError && <Alert type="error" showIcon title={errorText(majors.error)} style={{ marginBottom: 16 }} />}
      <Table<SchoolMajorDto>
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        loading={majors.isFetching}
        pagination={false}
        scroll={{ x: 2100 }}
        data-testid="majors-table"
      />
      <MajorModal school={school} major={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
      <FiguresDrawer key={figures?.id ?? 'none'} major={figures} year={shownYear} onClose={() => setFigures(null)} />
    </>
  );
}
