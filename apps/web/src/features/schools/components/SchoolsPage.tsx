import { CheckOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  SCHOOL_FLAG_LABELS,
  SCHOOL_STATUSES,
  SCHOOL_STATUS_LABELS,
  SCHOOL_TYPES,
  SCHOOL_TYPE_LABELS,
  type CreateSchoolRequest,
  type SchoolDto,
  type SchoolStatus,
  type SchoolType,
} from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useRegions } from '../../../lib/regions';
import { useApproveSchool, useRegisterSchool, useSchools, type SchoolQuery } from '../api';
import { ExportButton } from '../../../components/ExportButton';
import { SchoolFormFields } from './SchoolFormFields';

export function SchoolStatusTag({ status }: { status: SchoolStatus }) {
  const { lang } = useLang();
  return (
    <Tag color={status === 'approved' ? 'green' : status === 'returned' ? 'red' : 'orange'} data-testid="school-status">
      {pickLabel(SCHOOL_STATUS_LABELS, status, lang)}
    </Tag>
  );
}

function RegisterSchoolDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const [form] = Form.useForm<CreateSchoolRequest>();
  const register = useRegisterSchool();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  return (
    <Drawer
      open={open}
      title={t('schools.register')}
      size={640}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={register.isPending} onClick={() => form.submit()} data-testid="school-register-submit">
            {t('common.submit')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('schools.registerHint')} />
      {register.isError && (
        <Alert type="error" showIcon title={errorText(register.error)} style={{ marginBottom: 16 }} data-testid="school-register-error" />
      )}
      <Form<CreateSchoolRequest>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ flags: [] }}
        onFinish={(v) =>
          register.mutate(
            { ...v, creditCode: v.creditCode.trim().toUpperCase() },
            {
              onSuccess: (s) => {
                void message.success(t('schools.registeredOk', { name: s.name }));
                onClose();
              },
              onError: (err) =>
                showFieldErrors(form, err, { SCHOOL_ALREADY_REGISTERED: 'creditCode', SCHOOL_TYPE_NOT_ELIGIBLE: 'schoolType' }, [
                  'name',
                  'creditCode',
                  'schoolType',
                  'cityCode',
                  'flags',
                  'address',
                  'contactName',
                  'contactPhone',
                ]),
            },
          )
        }
      >
        <SchoolFormFields provinceCode={user.scope.provinceCode} />
      </Form>
    </Drawer>
  );
}

export function SchoolsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const user = useUser();
  const errorText = useErrorText();
  const [query, setQuery] = useState<SchoolQuery>({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const [registerOpen, setRegisterOpen] = useState(false);
  const list = useSchools(query);
  const approve = useApproveSchool();
  const cities = useRegions(user.scope.provinceCode, user.role === 'province_admin' && Boolean(user.scope.provinceCode));
  const set = (patch: Partial<SchoolQuery>) => setQuery((x) => ({ ...x, ...patch, page: 1 }));
  const canRegister = user.role === 'province_admin';

  const columns: TableProps<SchoolDto>['columns'] = [
    {
      title: t('schools.name'),
      key: 'name',
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/schools/${s.id}`} data-testid="school-link">
            {s.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {s.creditCode}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('schools.type'),
      dataIndex: 'schoolType',
      key: 'type',
      width: 120,
      render: (v: SchoolType) => pickLabel(SCHOOL_TYPE_LABELS, v, lang),
    },
    {
      title: t('schools.region'),
      key: 'region',
      width: 150,
      render: (_, s) => `${s.provinceName ?? s.provinceCode} ${s.cityName ?? s.cityCode}`,
    },
    {
      title: t('schools.flags'),
      dataIndex: 'flags',
      key: 'flags',
      width: 200,
      render: (flags: SchoolDto['flags']) => (
        <Space size={[2, 2]} wrap>
          {flags.map((f) => (
            <Tag key={f} color="geekblue" style={{ marginInlineEnd: 0 }}>
              {pickLabel(SCHOOL_FLAG_LABELS, f, lang)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('schools.deptsMajors'), key: 'counts', width: 110, render: (_, s) => `${s.departmentCount} / ${s.majorCount}` },
    {
      title: t('schools.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (v: SchoolStatus) => <SchoolStatusTag status={v} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_, s) => (
        <Space size={4}>
          <Link to={`/schools/${s.id}`}>{t('schools.view')}</Link>
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
              <Button type="link" size="small" icon={<CheckOutlined />} data-testid={`approve-${s.creditCode ?? s.id}`}>
                {t('schools.approve')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('schools.title')}</Typography.Title>
        <ExportButton path="/schools" query={query} />
        {canRegister && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegisterOpen(true)} data-testid="register-school">
            {t('schools.register')}
          </Button>
        )}
      </div>
      {user.role === 'municipal_admin' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('schools.readOnlyMunicipal')} />
      )}
      <div className="filter-bar">
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('schools.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          enterButton={t('common.search')}
        />
        <Select<SchoolStatus>
          allowClear
          style={{ width: 120 }}
          placeholder={t('schools.allStatuses')}
          value={query.status}
          onChange={(status) => set({ status })}
          options={SCHOOL_STATUSES.map((s) => ({ value: s, label: pickLabel(SCHOOL_STATUS_LABELS, s, lang) }))}
          data-testid="school-status-filter"
        />
        <Select<SchoolType>
          allowClear
          style={{ width: 200 }}
          placeholder={t('schools.allTypes')}
          value={query.schoolType}
          onChange={(schoolType) => set({ schoolType })}
          options={SCHOOL_TYPES.map((s) => ({ value: s, label: pickLabel(SCHOOL_TYPE_LABELS, s, lang) }))}
        />
        {user.role === 'province_admin' && (
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('schools.allCities')}
            value={query.cityCode}
            onChange={(cityCode?: string) => set({ cityCode })}
            options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          />
        )}
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />
        </Tooltip>
      </div>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<SchoolDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((x) => ({ ...x, page: pageSize !== x.pageSize ? 1 : page, pageSize })),
        }}
      />
      <RegisterSchoolDrawer open={registerOpen} onClose={() => setRegisterOpen(false)} />
    </Card>
  );
}
