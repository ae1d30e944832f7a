import { PlusOutlined } from '@ant-design/icons';
import { CASE_CATEGORIES, type CaseCollectionDto, type TypicalCaseDto } from '@onex/shared';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useCases, useCollections, useCreateCase, useCreateCollection, usePublishCollection } from '../api';
import '../locales';

/** 典型案例 (R9.2): the province's collections and the cases submitted to them; a school's open collections and its cases. */
export function TypicalCasesPage() {
  const { t } = useTranslation();
  const me = useUser();
  const isProvince = me.role === 'province_admin';
  const isSchool = me.role === 'school_admin';
  const [colPage, setColPage] = useState(1);
  const collections = useCollections({ page: colPage, pageSize: 10 });
  const [filters, setFilters] = useState<{ collectionId?: string; status?: string; q?: string }>({});
  const [page, setPage] = useState(1);
  const cases = useCases({ page, pageSize: 20, ...filters });
  const [creating, setCreating] = useState(false);
  const [writing, setWriting] = useState<CaseCollectionDto | null>(null);
  const publish = usePublishCollection();
  const { message } = App.useApp();
  const errorText = useErrorText();

  const colColumns = [
    { title: t('cases.collectionTitle'), dataIndex: 'title', key: 'title' },
    { title: t('cases.year'), dataIndex: 'year', key: 'year' },
    { title: t('cases.deadline'), dataIndex: 'deadline', key: 'deadline', className: 'col-nowrap' },
    {
      title: t('cases.status'),
      key: 'status',
      render: (_: unknown, c: CaseCollectionDto) =>
        c.status === 'published' ? (
          <Tag color="green">{t('cases.published')}</Tag>
        ) : c.open ? (
          <Tag color="blue">{t('cases.open')}</Tag>
        ) : (
          <Tag>{t('cases.closed')}</Tag>
        ),
    },
    { title: t('cases.caseCount'), dataIndex: 'caseCount', key: 'caseCount' },
    { title: t('cases.selectedCount'), dataIndex: 'selectedCount', key: 'selectedCount' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, c: CaseCollectionDto) => (
        <Space>
          {isSchool && c.open && (
            <Button size="small" type="primary" data-testid={`write-case-${c.id}`} onClick={() => setWriting(c)}>
              {t('cases.write')}
            </Button>
          )}
          {isProvince && c.status === 'open' && (
            <Popconfirm
              title={t('cases.publishConfirm')}
              onConfirm={() =>
                publish.mutate(c.id, {
                  onSuccess: () => void message.success(t('cases.published')),
                  onError: (e) => void message.error(errorText(e)),
                })
              }
            >
              <Button size="small">{t('cases.publish')}</Button>
            </Popconfirm>
          )}
          {c.status === 'published' && <Link to={`/public/typical-cases/${c.id}`}>{t('cases.viewPublic')}</Link>}
        </Space>
      ),
    },
  ];

  const caseColumns = [
    {
      title: t('cases.caseTitle'),
      dataIndex: 'title',
      key: 'title',
      render: (v: string, c: TypicalCaseDto) => <Link to={`/typical-cases/cases/${c.id}`}>{v}</Link>,
    },
    { title: t('cases.school'), dataIndex: 'schoolName', key: 'schoolName' },
    { title: t('cases.collectionTitle'), dataIndex: 'collectionTitle', key: 'collectionTitle' },
    { title: t('cases.category'), dataIndex: 'category', key: 'category' },
    { title: t('cases.charCount'), dataIndex: 'charCount', key: 'charCount' },
    { title: t('cases.images'), dataIndex: 'imageCount', key: 'imageCount' },
    { title: t('cases.status'), dataIndex: 'status', key: 'status', render: (v: string) => <Tag>{t(`cases.st.${v}`)}</Tag> },
    { title: t('cases.totalScore'), dataIndex: 'totalScore', key: 'totalScore', render: (v: number | null) => v ?? '—' },
    {
      title: t('cases.submittedAt'),
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      className: 'col-nowrap',
      render: (v: string | null) => formatDateTime(v),
    },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('cases.title')}</Typography.Title>
      <Card
        title={t('cases.collections')}
        extra={
          isProvince && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('cases.newCollection')}
            </Button>
          )
        }
      >
        <Table
          rowKey="id"
          size="middle"
          loading={collections.isLoading}
          dataSource={collections.data?.items ?? []}
          columns={colColumns}
          pagination={{ current: colPage, pageSize: 10, total: collections.data?.total ?? 0, onChange: setColPage }}
        />
      </Card>
      <Card title={t('cases.cases')} extra={<ExportButton path="/typical-cases" query={filters} />}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            style={{ width: 280 }}
            placeholder={t('cases.filterCollection')}
            options={(collections.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
            onChange={(v?: string) => (setFilters((f) => ({ ...f, collectionId: v })), setPage(1))}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('cases.filterStatus')}
            options={['draft', 'submitted', 'reviewed', 'selected', 'not_selected'].map((s) => ({ value: s, label: t(`cases.st.${s}`) }))}
            onChange={(v?: string) => (setFilters((f) => ({ ...f, status: v })), setPage(1))}
          />
          <Input.Search
            allowClear
            placeholder={t('cases.search')}
            onSearch={(v) => (setFilters((f) => ({ ...f, q: v || undefined })), setPage(1))}
          />
        </Space>
        <Table
          rowKey="id"
          size="middle"
          loading={cases.isLoading}
          dataSource={cases.data?.items ?? []}
          columns={caseColumns}
          pagination={{ current: page, pageSize: 20, total: cases.data?.total ?? 0, onChange: setPage }}
        />
      </Card>
      {creating && <CollectionModal onClose={() => setCreating(false)} />}
      {writing && <NewCaseModal collection={writing} onClose={() => setWriting(null)} />}
    </Space>
  );
}

function CollectionModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const create = useCreateCollection();
  const { message } = App.useApp();
  const errorText = useErrorText();
  return (
    <Modal
      open
      title={t('cases.newCollection')}
      onCancel={onClose}
      confirmLoading={create.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then(
            (v: { title: string; year: number; deadline: { format: (f: string) => string }; categories: string[]; description?: string }) =>
              create.mutate(
                {
                  title: v.title,
                  year: v.year,
                  deadline: v.deadline.format('YYYY-MM-DD'),
                  categories: v.categories as never,
                  description: v.description,
                },
                { onSuccess: onClose, onError: (e) => void message.error(errorText(e)) },
              ),
          )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear(), categories: [...CASE_CATEGORIES] }}>
        <Form.Item name="title" label={t('cases.collectionTitle')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="year" label={t('cases.year')} rules={[{ required: true }]}>
          <InputNumber min={2019} max={2100} />
        </Form.Item>
        <Form.Item name="deadline" label={t('cases.deadline')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="categories" label={t('cases.categories')} rules={[{ required: true }]}>
          <Select mode="multiple" options={CASE_CATEGORIES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="description" label={t('cases.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NewCaseModal({ collection, onClose }: { collection: CaseCollectionDto; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const create = useCreateCase();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  return (
    <Modal
      open
      title={`${t('cases.write')}：${collection.title}`}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'create-case-ok' } as never}
      onOk={() =>
        void form
          .validateFields()
          .then((v: { title: string; category: string }) =>
            create.mutate(
              { collectionId: collection.id, title: v.title, category: v.category as never, background: '', measures: '', outcomes: '' },
              { onSuccess: (c) => void navigate(`/typical-cases/cases/${c.id}`), onError: (e) => void message.error(errorText(e)) },
            ),
          )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="title" label={t('cases.caseTitle')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="new-case-title" />
        </Form.Item>
        <Form.Item name="category" label={t('cases.category')} rules={[{ required: true }]}>
          <Select data-testid="new-case-category" options={collection.categories.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
