import {
  NOTICE_CATEGORIES,
  NOTICE_CATEGORY_LABELS,
  NOTICE_LEVEL_LABELS,
  PUBLICITY_SUBJECT_TYPES,
  PUBLICITY_SUBJECT_LABELS,
  ROLES,
  ROLE_LABELS,
  type NoticeCategory,
  type NoticeDto,
  type NoticeReceiptDto,
  type PublicitySubjectType,
  type Role,
} from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  type TableProps,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import {
  useForward,
  useNotice,
  useNotices,
  useOpenPublicity,
  usePublicity,
  usePublicityCandidates,
  usePublishNotice,
  useReceipts,
  useUploadAttachment,
} from '../api';
import { LazyRichTextEditor } from './LazyRichTextEditor';
import { Attachments, NoticeBody, PublicityTable } from './PublicNoticePages';
import '../locales';

const zhOrEn = (l: { zh: string; en: string }, lang: string) => (lang.startsWith('en') ? l.en : l.zh);
const PUBLISHERS: readonly Role[] = ['national_admin', 'province_admin', 'org_admin'];

/** 通知公告 (R9.1): what the actor may read, with read state; publishers publish from here. */
export function NoticesPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const user = useUser();
  const [q, setQ] = useState({ page: 1, pageSize: 20, q: '' });
  const [publishing, setPublishing] = useState(false);
  const list = useNotices({ page: q.page, pageSize: q.pageSize, ...(q.q ? { q: q.q } : {}) });
  const columns: TableProps<NoticeDto>['columns'] = [
    { title: t('notices.name'), key: 'title', render: (_, n) => <Link to={`/notices/${n.id}`}>{n.title}</Link> },
    {
      title: t('notices.category'),
      key: 'category',
      width: 110,
      render: (_, n) => <Tag>{zhOrEn(NOTICE_CATEGORY_LABELS[n.category], i18n.language)}</Tag>,
    },
    { title: t('notices.level'), key: 'level', width: 110, render: (_, n) => zhOrEn(NOTICE_LEVEL_LABELS[n.level], i18n.language) },
    { title: t('notices.publisher'), dataIndex: 'publisherName', key: 'publisher', width: 200 },
    { title: t('notices.publishedAt'), key: 'at', width: 170, className: 'col-nowrap', render: (_, n) => formatDateTime(n.publishedAt) },
    {
      title: t('notices.readState'),
      key: 'read',
      width: 90,
      render: (_, n) => (n.read ? <Tag>{t('notices.read')}</Tag> : <Tag color="red">{t('notices.unread')}</Tag>),
    },
  ];
  return (
    <Card>
      <Typography.Title level={3}>{t('notices.title')}</Typography.Title>
      <Space style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
        <Input.Search allowClear placeholder={t('notices.search')} onSearch={(v) => setQ({ ...q, page: 1, q: v })} style={{ width: 280 }} />
        <Space>
          {PUBLISHERS.includes(user.role) && (
            <Button type="primary" onClick={() => setPublishing(true)} data-testid="notice-publish">
              {t('notices.publish')}
            </Button>
          )}
          <ExportButton path="/notices" query={q.q ? { q: q.q } : {}} />
        </Space>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Table<NoticeDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: t('notices.empty') }}
        data-testid="notices"
        pagination={{
          current: q.page,
          pageSize: q.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQ({ ...q, page, pageSize }),
        }}
      />
      {publishing && <PublishModal onClose={() => setPublishing(false)} />}
    </Card>
  );
}

function PublishModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const publish = usePublishNotice();
  const uploadFile = useUploadAttachment();
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [form] = Form.useForm();
  const submit = (v: {
    title: string;
    category: NoticeCategory;
    bodyHtml: string;
    isPublic?: boolean;
    roles?: Role[];
    certificateTypeId?: string;
  }) =>
    publish.mutate(
      {
        title: v.title,
        category: v.category,
        bodyHtml: v.bodyHtml,
        isPublic: !!v.isPublic,
        audience: { roles: v.roles ?? [], provinceCodes: [] },
        attachmentIds: files.map((f) => f.id),
        ...(v.certificateTypeId ? { certificateTypeId: v.certificateTypeId } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('notices.published'));
          onClose();
        },
      },
    );
  return (
    <Modal open title={t('notices.publish')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={publish.isPending} width={720}>
      {publish.isError && <Alert type="error" showIcon title={errorText(publish.error)} style={{ marginBottom: 12 }} />}
      {uploadFile.isError && <Alert type="error" showIcon title={errorText(uploadFile.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ category: 'announcement', isPublic: true }}>
        <Form.Item name="title" label={t('notices.name')} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="category" label={t('notices.category')} rules={[{ required: true }]}>
          <Select options={NOTICE_CATEGORIES.map((c) => ({ value: c, label: zhOrEn(NOTICE_CATEGORY_LABELS[c], i18n.language) }))} />
        </Form.Item>
        <Form.Item
          name="bodyHtml"
          label={t('notices.body')}
          extra={t('notices.bodyHelp')}
          rules={[{ required: true, message: t('notices.bodyRequired') }]}
        >
          <LazyRichTextEditor />
        </Form.Item>
        <Form.Item name="isPublic" valuePropName="checked">
          <Checkbox>{t('notices.isPublic')}</Checkbox>
        </Form.Item>
        <Form.Item name="roles" label={t('notices.roles')}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: zhOrEn(ROLE_LABELS[r], i18n.language) }))} />
        </Form.Item>
        <Form.Item name="certificateTypeId" label={t('notices.certificate')}>
          <Input />
        </Form.Item>
        <Upload
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            uploadFile.mutate(file, { onSuccess: (a) => setFiles((fs) => [...fs, { id: a.id, name: a.name }]) });
            return false;
          }}
        >
          <Button loading={uploadFile.isPending}>{t('notices.upload')}</Button>
        </Upload>
        <ul>
          {files.map((f) => (
            <li key={f.id}>{f.name}</li>
          ))}
        </ul>
      </Form>
    </Modal>
  );
}

export function NoticeDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const n = useNotice(id);
  const forward = useForward(id);
  const receipts = useReceipts(id, !!n.data?.canSeeReceipts);
  if (n.isError) return <Alert type="error" showIcon title={errorText(n.error)} />;
  if (!n.data) return <Card loading />;
  const d = n.data;
  const columns: TableProps<NoticeReceiptDto>['columns'] = [
    { title: t('notices.recipient'), dataIndex: 'recipientName', key: 'name' },
    { title: t('notices.recipientKind'), key: 'kind', width: 80, render: (_, r) => t(`notices.${r.recipientKind}`) },
    {
      title: t('notices.readState'),
      key: 'read',
      width: 90,
      render: (_, r) => (r.readAt ? <Tag>{t('notices.read')}</Tag> : <Tag color="red">{t('notices.unread')}</Tag>),
    },
    { title: t('notices.readAt'), key: 'readAt', width: 170, className: 'col-nowrap', render: (_, r) => formatDateTime(r.readAt) },
    { title: t('notices.readBy'), dataIndex: 'readBy', key: 'readBy' },
    {
      title: t('notices.forwardedOn'),
      key: 'fw',
      width: 120,
      render: (_, r) => (r.recipientKind === 'city' ? (r.forwardedOn ? '✓' : '—') : ''),
    },
  ];
  return (
    <Card>
      <Link to="/notices">{t('notices.back')}</Link>
      <Typography.Title level={3} data-testid="notice-title">
        {d.title}
      </Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <Tag>{zhOrEn(NOTICE_CATEGORY_LABELS[d.category], i18n.language)}</Tag>
        <Typography.Text type="secondary">
          {d.publisherName} · {formatDateTime(d.publishedAt)}
        </Typography.Text>
        {d.canForward && (
          <Button
            type="primary"
            loading={forward.isPending}
            data-testid="notice-forward"
            onClick={() =>
              forward.mutate(undefined, { onSuccess: (r) => void message.success(t('notices.forwardedCount', { count: r.forwarded })) })
            }
          >
            {t('notices.forward')}
          </Button>
        )}
      </Space>
      {forward.isError && <Alert type="error" showIcon title={errorText(forward.error)} />}
      <NoticeBody html={d.bodyHtml} />
      <Attachments items={d.attachments} />
      {d.canSeeReceipts && (
        <>
          <Typography.Title level={4} style={{ marginTop: 24 }}>
            {t('notices.receipts')}
          </Typography.Title>
          {receipts.data && (
            <Typography.Paragraph data-testid="receipt-summary">{t('notices.receiptSummary', receipts.data)}</Typography.Paragraph>
          )}
          <Table<NoticeReceiptDto>
            rowKey={(r) => `${r.recipientKind}:${r.recipientId}`}
            size="small"
            columns={columns}
            dataSource={receipts.data?.items ?? []}
            loading={receipts.isFetching}
            data-testid="notice-receipts"
            pagination={{ pageSize: 50 }}
          />
        </>
      )}
    </Card>
  );
}

/** 公示 (R9.4): the items of the actor's scope; put an approved filing, a selected case or a session's list on display. */
export function PublicityPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const list = usePublicity({ page: 1, pageSize: 200 });
  const open = useOpenPublicity();
  const [form] = Form.useForm();
  const subjectType = (Form.useWatch('subjectType', form) as PublicitySubjectType | undefined) ?? 'filing';
  return (
    <Card>
      <Typography.Title level={3}>{t('publicity.title')}</Typography.Title>
      {open.isError && <Alert type="error" showIcon title={errorText(open.error)} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        initialValues={{ subjectType: 'filing', days: 7 }}
        onValuesChange={(changed: { subjectType?: PublicitySubjectType }) => {
          if (changed.subjectType) form.setFieldValue('subjectId', undefined);
        }}
        onFinish={(v: { subjectType: PublicitySubjectType; subjectId: string; days: number }) =>
          open.mutate(v, {
            onSuccess: () => {
              void message.success(t('publicity.opened'));
              form.resetFields();
            },
          })
        }
      >
        <Form.Item name="subjectType" label={t('publicity.subjectType')}>
          <Select
            style={{ width: 150 }}
            data-testid="publicity-subject-type"
            options={PUBLICITY_SUBJECT_TYPES.map((s) => ({ value: s, label: zhOrEn(PUBLICITY_SUBJECT_LABELS[s], i18n.language) }))}
          />
        </Form.Item>
        <Form.Item name="subjectId" label={t('publicity.subject')} rules={[{ required: true, message: t('publicity.subjectRequired') }]}>
          <SubjectPicker key={subjectType} subjectType={subjectType} />
        </Form.Item>
        <Form.Item name="days" label={t('publicity.days')}>
          <InputNumber min={1} max={60} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={open.isPending} data-testid="publicity-open">
          {t('publicity.open')}
        </Button>
      </Form>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
        <ExportButton path="/publicity" />
      </div>
      <PublicityTable
        rows={list.data?.items ?? []}
        loading={list.isFetching}
        linkTo={(p) => (p.status === 'scheduled' ? null : `/public-display/${p.id}`)}
      />
    </Card>
  );
}

/**
 * Issue 14 item 3: the item to display, picked from the eligible ones of the actor's scope (`/publicity/candidates`),
 * searched on the server by school, certificate or case title; those already on display are shown but cannot be picked.
 * Keyed by the subject type, so a new type starts with an empty search.
 */
function SubjectPicker({
  subjectType,
  value,
  onChange,
}: {
  subjectType: PublicitySubjectType;
  value?: string;
  onChange?: (id: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const candidates = usePublicityCandidates(subjectType, search);
  const items = candidates.data?.items ?? [];
  return (
    <Select<string>
      style={{ width: 420 }}
      data-testid="publicity-subject"
      classNames={{ popup: { root: 'publicity-subject-popup' } }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      placeholder={t('publicity.subjectPlaceholder')}
      loading={candidates.isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={candidates.isFetching ? t('publicity.searching') : t('publicity.noCandidates')}
      options={items.map((c) => ({ value: c.id, label: c.label, title: c.label, detail: c.detail, disabled: c.displayed }))}
      optionRender={(o) => (
        <div>
          <div>
            {o.data.label}
            {o.data.disabled && (
              <Tag style={{ marginLeft: 8 }} color="default">
                {t('publicity.alreadyDisplayed')}
              </Tag>
            )}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.data.detail}
          </Typography.Text>
        </div>
      )}
    />
  );
}
