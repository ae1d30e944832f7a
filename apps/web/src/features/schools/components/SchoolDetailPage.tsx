import { ArrowLeftOutlined, CheckOutlined, EditOutlined } from '@ant-design/icons';
import { SCHOOL_FLAG_LABELS, SCHOOL_TYPE_LABELS, type SchoolDto, type UpdateSchoolRequest } from '@onex/shared';
import { Alert, App, Button, Card, Descriptions, Form, Popconfirm, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { canUse } from '../../../app/navigation';
import { ApiError } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useApproveSchool, useSchool, useUpdateSchool } from '../api';
import { DepartmentsTab } from './DepartmentsTab';
import { ImportTab } from './ImportTab';
import { MajorsTab } from './MajorsTab';
import { RegistrationInfo, ReturnSchoolButton } from './RegistrationReview';
import { SchoolFormFields } from './SchoolFormFields';
import { SchoolStatusTag } from './SchoolsPage';

/** 本校信息: school and department administrators go to their own school. */
export function MySchoolRedirect() {
  const user = useUser();
  const { t } = useTranslation();
  if (!user.scope.schoolId) return <Result status="404" title={t('schools.noSchool')} />;
  return <Navigate to={`/schools/${user.scope.schoolId}`} replace />;
}

function SchoolEditForm({ school, onDone }: { school: SchoolDto; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UpdateSchoolRequest>();
  const update = useUpdateSchool();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const editable = school.editableFields;
  return (
    <Form<UpdateSchoolRequest>
      form={form}
      layout="vertical"
      style={{ maxWidth: 720 }}
      initialValues={{
        name: school.name,
        creditCode: school.creditCode ?? '',
        schoolType: school.schoolType,
        cityCode: school.cityCode,
        flags: school.flags,
        address: school.address ?? '',
        contactName: school.contactName ?? '',
        contactPhone: school.contactPhone ?? '',
      }}
      onFinish={(v) => {
        const body: Record<string, unknown> = {};
        for (const [k, val] of Object.entries(v)) {
          if (!editable.includes(k)) continue;
          body[k] = typeof val === 'string' && val.trim() === '' && ['address', 'contactName', 'contactPhone'].includes(k) ? null : val;
        }
        update.mutate(
          { id: school.id, body },
          {
            onSuccess: () => {
              void message.success(t('common.savedOk'));
              onDone();
            },
            onError: (err) =>
              showFieldErrors(form, err, { SCHOOL_ALREADY_REGISTERED: 'creditCode', SCHOOL_TYPE_NOT_ELIGIBLE: 'schoolType' }),
          },
        );
      }}
    >
      {update.isError && <Alert type="error" showIcon title={errorText(update.error)} style={{ marginBottom: 16 }} />}
      <SchoolFormFields provinceCode={school.provinceCode} editable={editable} />
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="school-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function InfoTab({ school }: { school: SchoolDto }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [editing, setEditing] = useState(false);
  if (editing) return <SchoolEditForm school={school} onDone={() => setEditing(false)} />;
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t('schools.name'), children: school.name },
          {
            key: 'creditCode',
            label: t('schools.creditCode'),
            children: <span style={{ fontFamily: 'monospace' }}>{school.creditCode}</span>,
          },
          { key: 'type', label: t('schools.type'), children: pickLabel(SCHOOL_TYPE_LABELS, school.schoolType, lang) },
          {
            key: 'region',
            label: t('schools.region'),
            children: `${school.provinceName ?? school.provinceCode} ${school.cityName ?? school.cityCode}`,
          },
          {
            key: 'flags',
            label: t('schools.flags'),
            span: 'filled',
            children: school.flags.length
              ? school.flags.map((f) => (
                  <Tag key={f} color="geekblue">
                    {pickLabel(SCHOOL_FLAG_LABELS, f, lang)}
                  </Tag>
                ))
              : t('common.none'),
          },
          { key: 'address', label: t('schools.address'), span: 'filled', children: school.address || t('common.none') },
          { key: 'contactName', label: t('schools.contactName'), children: school.contactName || t('common.none') },
          { key: 'contactPhone', label: t('schools.contactPhone'), children: school.contactPhone || t('common.none') },
          { key: 'status', label: t('schools.status'), children: <SchoolStatusTag status={school.status} /> },
          { key: 'approvedAt', label: t('schools.approvedAt'), children: formatDateTime(school.approvedAt) || t('common.none') },
        ]}
      />
      <RegistrationInfo school={school} />
      {school.allowedActions.includes('update') && school.editableFields.length > 0 && (
        <Button icon={<EditOutlined />} style={{ marginTop: 16 }} onClick={() => setEditing(true)} data-testid="school-edit">
          {t('schools.edit')}
        </Button>
      )}
    </>
  );
}

export function SchoolDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const errorText = useErrorText();
  const q = useSchool(id);
  const approve = useApproveSchool();
  const [tab, setTab] = useState('info');

  if (q.isError)
    return q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 403) ? (
      <Result status={q.error.status === 404 ? '404' : '403'} title={errorText(q.error)} />
    ) : (
      <Alert type="error" showIcon title={errorText(q.error)} />
    );
  const s = q.data;
  if (!s)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const fromList = canUse(user.role, 'schools');
  const isDepartmentAdmin = user.role === 'department_admin';

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {fromList && (
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/schools')}>
          {t('schools.backToList')}
        </Button>
      )}
      <Card>
        <div className="page-header" style={{ marginBottom: 8 }}>
          <Space align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="school-title">
              {s.name}
            </Typography.Title>
            <SchoolStatusTag status={s.status} />
          </Space>
          <Space>
            <ReturnSchoolButton school={s} />
            {s.allowedActions.includes('approve') && (
              <Popconfirm
                title={t('schools.confirmApprove', { name: s.name })}
                okText={t('schools.approve')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  approve
                    .mutateAsync({ id: s.id })
                    .then(() => void message.success(t('schools.approvedOk', { name: s.name })))
                    .catch((err: unknown) => void message.error(errorText(err)))
                }
              >
                <Button type="primary" icon={<CheckOutlined />} data-testid="school-approve">
                  {t('schools.approve')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </div>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'info', label: t('schools.tabInfo'), children: <InfoTab school={s} /> },
            { key: 'departments', label: t('schools.tabDepartments'), children: <DepartmentsTab school={s} /> },
            { key: 'majors', label: t('schools.tabMajors'), children: <MajorsTab school={s} /> },
            ...(s.allowedActions.includes('manageMajors') || isDepartmentAdmin
              ? [{ key: 'import', label: t('schools.tabImport'), children: <ImportTab school={s} /> }]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
