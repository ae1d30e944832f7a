import { FilePdfOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  CERTIFICATE_LEVEL_LABELS,
  CERTIFICATE_LEVELS,
  type CertificateLevel,
  EXAM_SITE_REGISTRAR_LABELS,
  EXAM_SITE_STATUS_LABELS,
  type ExamSiteStatus,
} from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
  type TableProps,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useApprovedFilings } from '../../../lib/filings';
import {
  useApplySite,
  useCatalogTypes,
  useCloseSite,
  useDecideSite,
  useSharedRegister,
  useShareSite,
  useSites,
  type ExamSite,
  type SiteQuery,
} from '../api';
import { ExportButton } from '../../../components/ExportButton';
import { OwnSiteDrawer } from './OwnSiteDrawer';
import '../locales';

const STATUS_COLOR: Record<ExamSiteStatus, string> = { applied: 'gold', approved: 'green', refused: 'red', closed: 'default' };

/** 考核站点 (R5.1): a school applies to host a site; the organization approves and marks sites 开放共享; the province register. */
export function ExamSitesPage() {
  const { t } = useTranslation();
  const me = useUser();
  const isSchool = me.role === 'school_admin';
  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t(isSchool ? 'menu.examSites' : 'menu.examSiteReview')}</Typography.Title>
      </div>
      {isSchool ? (
        <Tabs
          items={[
            { key: 'mine', label: t('exams.ourSites'), children: <SitesTable mode="school" /> },
            { key: 'shared', label: t('exams.sharedRegister'), children: <SitesTable mode="shared" /> },
          ]}
        />
      ) : (
        <SitesTable mode="org" />
      )}
    </Card>
  );
}

function SitesTable({ mode }: { mode: 'school' | 'org' | 'shared' }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [query, setQuery] = useState<SiteQuery>({ page: 1, pageSize: 20 });
  const own = useSites(query);
  const shared = useSharedRegister(query, mode === 'shared');
  const list = mode === 'shared' ? shared : own;
  const decide = useDecideSite();
  const share = useShareSite();
  const [applyOpen, setApplyOpen] = useState(false);
  // Issue 17 item 8: the organization registers and edits sites of its own.
  const [ownOpen, setOwnOpen] = useState(false);
  const [editing, setEditing] = useState<ExamSite | null>(null);
  // Refusing an application and closing (撤销) an approved site both take a reason.
  const [asking, setAsking] = useState<{ site: ExamSite; kind: 'refuse' | 'close' } | null>(null);
  const [reason, setReason] = useState('');
  const close = useCloseSite();
  const done = (key: string) => ({
    onSuccess: () => void message.success(t(key)),
    onError: (err: unknown) => void message.error(errorText(err)),
  });

  const columns: TableProps<ExamSite>['columns'] = [
    {
      title: t('exams.siteName'),
      key: 'name',
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <span>{s.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.address}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('exams.certificateType'), key: 'ct', render: (_, s) => s.certificateType.name },
    mode === 'school'
      ? { title: t('exams.organization'), key: 'org', render: (_, s) => s.organization.name }
      : {
          title: t('exams.school'),
          key: 'school',
          render: (_, s) =>
            s.school?.name ?? (s.registeredBy === 'organization' ? pickLabel(EXAM_SITE_REGISTRAR_LABELS, s.registeredBy, lang) : ''),
        },
    { title: t('exams.capacity'), dataIndex: 'capacity', key: 'cap', width: 80, align: 'right' },
    {
      // Issue 17 item 8: the levels examined there (a site without its own list examines every level).
      title: t('siteRegister.levels'),
      key: 'levels',
      width: 150,
      render: (_, s) =>
        s.levels ? s.levels.map((l) => pickLabel(CERTIFICATE_LEVEL_LABELS, l, lang)).join('、') : t('siteRegister.everyLevel'),
    },
    {
      title: t('exams.status'),
      key: 'status',
      width: 200,
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <Space size={4}>
            <Tag color={STATUS_COLOR[s.status]}>{pickLabel(EXAM_SITE_STATUS_LABELS, s.status, lang)}</Tag>
            {s.openShared && <Tag color="blue">{t('exams.openShared')}</Tag>}
          </Space>
          {(s.closedReason ?? s.reason) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.closedReason ?? s.reason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('exams.application'),
      key: 'file',
      width: 110,
      render: (_, s) =>
        s.applicationFileId ? (
          <a href={`/api/v1/files/${encodeURIComponent(s.applicationFileId)}`} target="_blank" rel="noreferrer">
            <FilePdfOutlined /> {t('exams.view')}
          </a>
        ) : null,
    },
    { title: t('exams.recordedAt'), key: 'created', className: 'col-nowrap', width: 160, render: (_, s) => formatDateTime(s.createdAt) },
    ...(mode === 'shared'
      ? []
      : [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, s: ExamSite) => (
              <Space size={4} wrap>
                {s.allowedActions.includes('approve') && (
                  <Popconfirm
                    title={t('exams.approveConfirm')}
                    onConfirm={() => decide.mutate({ id: s.id, decision: 'approved' }, done('exams.approvedOk'))}
                  >
                    <Button size="small" type="primary" data-testid={`approve-${s.id}`}>
                      {t('exams.approve')}
                    </Button>
                  </Popconfirm>
                )}
                {s.allowedActions.includes('refuse') && (
                  <Button size="small" danger onClick={() => setAsking({ site: s, kind: 'refuse' })}>
                    {t('exams.refuse')}
                  </Button>
                )}
                {s.allowedActions.includes('share') && (
                  <Button
                    size="small"
                    onClick={() => share.mutate({ id: s.id, openShared: true }, done('exams.sharedOk'))}
                    data-testid={`share-${s.id}`}
                  >
                    {t('exams.markShared')}
                  </Button>
                )}
                {s.allowedActions.includes('edit') && (
                  <Button size="small" onClick={() => setEditing(s)} data-testid={`edit-site-${s.id}`}>
                    {t('siteRegister.edit')}
                  </Button>
                )}
                {s.allowedActions.includes('unshare') && (
                  <Button size="small" type="link" onClick={() => share.mutate({ id: s.id, openShared: false }, done('exams.unsharedOk'))}>
                    {t('exams.unmarkShared')}
                  </Button>
                )}
                {s.allowedActions.includes('close') && (
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() => setAsking({ site: s, kind: 'close' })}
                    data-testid={`close-site-${s.id}`}
                  >
                    {t('siteRegister.close')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]),
  ];

  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'flex-end' }}>
        <ExportButton path={mode === 'shared' ? '/exam-sites/shared-register' : '/exam-sites'} query={mode === 'shared' ? {} : query} />
        {mode === 'school' && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplyOpen(true)} data-testid="site-apply">
            {t('exams.applySite')}
          </Button>
        )}
        {mode === 'org' && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOwnOpen(true)} data-testid="site-register-own">
            {t('siteRegister.registerOwn')}
          </Button>
        )}
      </Space>
      {mode === 'shared' && <Typography.Paragraph type="secondary">{t('exams.sharedIntro')}</Typography.Paragraph>}
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<ExamSite>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        data-testid={`sites-${mode}`}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
      />
      <Modal
        open={Boolean(asking)}
        title={asking?.kind === 'close' ? t('siteRegister.closeTitle', { name: asking.site.name }) : t('exams.refuse')}
        okText={asking?.kind === 'close' ? t('siteRegister.close') : undefined}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: decide.isPending || close.isPending }}
        onCancel={() => setAsking(null)}
        onOk={() => {
          if (!asking) return;
          const after = {
            onSuccess: () => {
              setAsking(null);
              setReason('');
              void message.success(t(asking.kind === 'close' ? 'siteRegister.closedOk' : 'exams.refusedOk'));
            },
            onError: (err: unknown) => void message.error(errorText(err)),
          };
          if (asking.kind === 'close') close.mutate({ id: asking.site.id, reason: reason.trim() }, after);
          else decide.mutate({ id: asking.site.id, decision: 'refused', reason: reason.trim() }, after);
        }}
      >
        {asking?.kind === 'close' && <Typography.Paragraph type="secondary">{t('siteRegister.closeIntro')}</Typography.Paragraph>}
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t(asking?.kind === 'close' ? 'siteRegister.closeReason' : 'exams.refuseReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="site-reason"
        />
      </Modal>
      {mode === 'school' && <ApplyDrawer open={applyOpen} onClose={() => setApplyOpen(false)} />}
      {mode === 'org' && (
        <OwnSiteDrawer
          open={ownOpen || editing !== null}
          site={editing}
          onClose={() => {
            setOwnOpen(false);
            setEditing(null);
          }}
        />
      )}
    </>
  );
}

interface ApplyValues {
  certificateTypeId: string;
  name: string;
  address: string;
  capacity: number;
  levels?: CertificateLevel[];
}

function ApplyDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<ApplyValues>();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const filings = useApprovedFilings(open);
  const apply = useApplySite();
  const certs = new Map((filings.data ?? []).map((f) => [f.certificateTypeId, f.certificateTypeName]));
  // The levels of the chosen certificate, all ticked: the school unticks those it cannot examine.
  const types = useCatalogTypes();
  const certificateTypeId = Form.useWatch('certificateTypeId', form);
  const type = (types.data ?? []).find((x) => x.id === certificateTypeId);
  const levels = type ? CERTIFICATE_LEVELS.filter((l) => type.levels.some((x) => x.level === l)) : [];
  const levelKey = levels.join(','); // changes with the certificate only, not with a refetch of the catalog
  useEffect(() => {
    if (levelKey) form.setFieldValue('levels', levelKey.split(','));
  }, [levelKey, form]);
  const close = () => {
    form.resetFields();
    setFile(null);
    setFileMissing(false);
    apply.reset();
    onClose();
  };
  return (
    <Drawer
      open={open}
      title={t('exams.applySite')}
      size={520}
      onClose={close}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={apply.isPending} onClick={() => form.submit()} data-testid="site-submit">
            {t('common.submit')}
          </Button>
        </Space>
      }
    >
      {apply.isError && <Alert type="error" showIcon title={errorText(apply.error)} style={{ marginBottom: 16 }} />}
      <Form<ApplyValues>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (!file) {
            setFileMissing(true);
            return;
          }
          apply.mutate(
            // Every level ticked: no list, the site examines every level (as before levels could be chosen).
            {
              ...v,
              name: v.name.trim(),
              address: v.address.trim(),
              levels: !v.levels?.length || v.levels.length === levels.length ? undefined : v.levels,
              file,
            },
            {
              onSuccess: () => {
                void message.success(t('exams.appliedOk'));
                close();
              },
            },
          );
        }}
      >
        <Form.Item
          name="certificateTypeId"
          label={t('exams.certificateType')}
          rules={[{ required: true, message: t('exams.certificateRequired') }]}
        >
          <Select loading={filings.isLoading} options={[...certs].map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {levels.length > 0 && (
          <Form.Item
            name="levels"
            label={t('siteRegister.levels')}
            rules={[{ required: true, type: 'array', min: 1, message: t('siteRegister.levelsRequired') }]}
          >
            <Checkbox.Group options={levels.map((l) => ({ value: l, label: pickLabel(CERTIFICATE_LEVEL_LABELS, l, lang) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('exams.siteName')}
          rules={[{ required: true, whitespace: true, message: t('exams.siteNameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('exams.siteAddress')}
          rules={[{ required: true, whitespace: true, message: t('exams.siteAddressRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="capacity" label={t('exams.capacity')} rules={[{ required: true, message: t('exams.capacityRequired') }]}>
          <InputNumber<number> min={1} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          label={t('exams.application')}
          required
          validateStatus={fileMissing ? 'error' : undefined}
          help={fileMissing ? t('exams.pdfRequired') : undefined}
        >
          <Upload
            accept=".pdf,application/pdf"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setFileMissing(false);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'pdf', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{t('exams.choosePdf')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
