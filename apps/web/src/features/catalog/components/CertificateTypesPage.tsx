import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  CERTIFICATE_LEVELS,
  CERTIFICATE_TYPE_STATUSES,
  CERTIFICATE_TYPE_STATUS_LABELS,
  type CertificateLevel,
  type CertificateTypeDto,
  type CertificateTypeStatus,
  type CreateCertificateTypeRequest,
} from '@onex/shared';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useOrgs } from '../../../lib/orgs';
import { useBatches, useCertificateTypes, useCreateCertificateType, type CatalogFilter } from '../api';
import { CertificateStatusTag, ToBeConfirmedTag, levelLabel } from './bits';
import { ExportButton } from '../../../components/ExportButton';

function CreateCertificateTypeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const national = user.role === 'national_admin';
  const [form] = Form.useForm<CreateCertificateTypeRequest>();
  const create = useCreateCertificateType();
  const batches = useBatches();
  const orgs = useOrgs({ page: 1, pageSize: 200 }, national && open);
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const navigate = useNavigate();
  const { message } = App.useApp();

  return (
    <Modal
      open={open}
      title={t('certTypes.create')}
      okText={t('certTypes.createDraft')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {create.isError && <Alert type="error" showIcon title={errorText(create.error)} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t('certTypes.createHint')}</Typography.Paragraph>
      <Form<CreateCertificateTypeRequest>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: (d) => {
              void message.success(t('certTypes.createdOk', { name: d.name }));
              onClose();
              void navigate(`/certificate-types/${d.id}`);
            },
            onError: (err) => showFieldErrors(form, err, { CERTIFICATE_TYPE_CODE_TAKEN: 'code' }, ['code', 'name', 'orgId', 'batchCode']),
          })
        }
      >
        <Form.Item
          name="code"
          label={t('certTypes.code')}
          extra={t('certTypes.codeRule')}
          rules={[{ required: true, whitespace: true, message: t('certTypes.codeRequired') }]}
        >
          <Input maxLength={40} data-testid="ct-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('certTypes.name')}
          rules={[{ required: true, whitespace: true, message: t('certTypes.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="ct-name" />
        </Form.Item>
        {national && (
          <Form.Item name="orgId" label={t('certTypes.organization')} rules={[{ required: true, message: t('certTypes.orgRequired') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={orgs.isFetching}
              options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              data-testid="ct-org"
            />
          </Form.Item>
        )}
        <Form.Item name="batchCode" label={t('certTypes.batch')} rules={[{ required: true, message: t('certTypes.batchRequired') }]}>
          <Select options={(batches.data ?? []).map((b) => ({ value: b.code, label: b.name }))} data-testid="ct-batch" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CertificateTypesPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const user = useUser();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<CatalogFilter>({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const [createOpen, setCreateOpen] = useState(false);
  const list = useCertificateTypes(filter);
  const batches = useBatches();
  const set = (patch: Partial<CatalogFilter>) => setFilter((f) => ({ ...f, ...patch, page: 1 }));
  const canCreate = user.role === 'national_admin' || user.role === 'org_admin';

  const columns: TableProps<CertificateTypeDto>['columns'] = [
    {
      title: t('certTypes.name'),
      key: 'name',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Space size={4} wrap>
            <Link to={`/certificate-types/${c.id}`} data-testid={`ct-link-${c.code}`}>
              {c.name}
            </Link>
            <ToBeConfirmedTag show={c.detailsToBeConfirmed} />
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('certTypes.organization'),
      key: 'org',
      ellipsis: true,
      render: (_, c) => (
        <>
          {c.organization.name}
          <ToBeConfirmedTag show={c.organizationToBeConfirmed} />
        </>
      ),
    },
    { title: t('certTypes.batch'), dataIndex: 'batch', key: 'batch', width: 90 },
    {
      title: t('certTypes.levels'),
      key: 'levels',
      width: 170,
      render: (_, c) => c.levels.map((l) => levelLabel(l.level, lang)).join(' / ') || t('common.none'),
    },
    {
      title: t('certTypes.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (s: CertificateTypeStatus) => <CertificateStatusTag status={s} />,
    },
    {
      title: t('certTypes.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      className: 'col-nowrap',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, c) => (
        <Link to={`/certificate-types/${c.id}`}>{c.allowedActions.length ? t('certTypes.manage') : t('certTypes.view')}</Link>
      ),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('certTypes.title')}</Typography.Title>
        <Space>
          <ExportButton path="/certificate-types" query={filter} />
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)} data-testid="create-certificate-type">
              {t('certTypes.create')}
            </Button>
          )}
        </Space>
      </div>
      <div className="filter-bar">
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('catalog.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          enterButton={t('common.search')}
        />
        <Select<CertificateTypeStatus>
          allowClear
          style={{ width: 130 }}
          placeholder={t('certTypes.allStatuses')}
          value={filter.status}
          onChange={(status) => set({ status })}
          options={CERTIFICATE_TYPE_STATUSES.map((s) => ({ value: s, label: pickLabel(CERTIFICATE_TYPE_STATUS_LABELS, s, lang) }))}
          data-testid="ct-status-filter"
        />
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('catalog.allBatches')}
          value={filter.batch}
          onChange={(batch?: string) => set({ batch })}
          options={(batches.data ?? []).map((b) => ({ value: b.code, label: b.name }))}
        />
        <Select<CertificateLevel>
          allowClear
          style={{ width: 120 }}
          placeholder={t('catalog.allLevels')}
          value={filter.level}
          onChange={(level) => set({ level })}
          options={CERTIFICATE_LEVELS.map((l) => ({ value: l, label: levelLabel(l, lang) }))}
        />
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />
        </Tooltip>
      </div>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<CertificateTypeDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1000 }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page: pageSize !== f.pageSize ? 1 : page, pageSize })),
        }}
      />
      <CreateCertificateTypeModal open={createOpen} onClose={() => setCreateOpen(false)} />
    </Card>
  );
}
