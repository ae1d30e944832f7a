import { PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ID_TYPE_LABELS, LEARNER_KIND_LABELS, type LearnerDto } from '@onex/shared';
import { Alert, App, Badge, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useLearners, useRegenerateCode, type LearnerListQuery } from '../api';
import { ActivationCodesModal, type CodesToShow } from './ActivationCodesModal';
import { AddLearnerDrawer } from './AddLearnerDrawer';
import { ExportButton } from '../../../components/ExportButton';
import { LearnerImportModal } from './LearnerImport';

/** 学生管理 (R4.1): the school's pilot students, enrolment, import and activation codes. */
export function LearnersPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useUser();
  const [query, setQuery] = useState<LearnerListQuery>({ page: 1, pageSize: 20 });
  const [searchText, setSearchText] = useState('');
  const [addOpen, setAddOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [codes, setCodes] = useState<CodesToShow | null>(null);
  const learners = useLearners(query);
  const regenerate = useRegenerateCode();

  const regen = (l: LearnerDto) =>
    regenerate.mutate(l.id, {
      onSuccess: (r) =>
        setCodes({ slips: [{ name: l.name, className: l.className, activationCode: r.activationCode }], expiresAt: r.expiresAt }),
      onError: (err) => void message.error(errorText(err)),
    });

  const columns: TableProps<LearnerDto>['columns'] = [
    { title: t('exams.name'), dataIndex: 'name', key: 'name', width: 110, fixed: 'left' },
    {
      title: t('exams.idNumber'),
      key: 'id',
      width: 240,
      render: (_, l) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text style={{ fontFamily: 'monospace' }}>{l.idNumberVisible ? l.idNumber : l.idNumberMasked}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {pickLabel(ID_TYPE_LABELS, l.idType, lang)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('exams.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 100,
      render: (k: LearnerDto['kind']) => pickLabel(LEARNER_KIND_LABELS, k, lang),
    },
    {
      title: t('exams.major'),
      key: 'major',
      width: 200,
      render: (_, l) => (
        <Space orientation="vertical" size={0}>
          <span>{l.major?.name ?? t('common.none')}</span>
          {l.className && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l.className}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('exams.poverty'),
      dataIndex: 'povertyRegistered',
      key: 'poverty',
      width: 100,
      render: (v: boolean) => (v ? <Tag color="orange">{t('exams.poverty')}</Tag> : null),
    },
    {
      title: t('exams.activation'),
      key: 'activation',
      width: 200,
      render: (_, l) =>
        l.activated ? (
          <Space orientation="vertical" size={0}>
            <Badge status="success" text={t('exams.activated')} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l.username}
            </Typography.Text>
          </Space>
        ) : (
          <Space orientation="vertical" size={0}>
            <Badge status="default" text={t('exams.notActivated')} />
            {l.activationExpiresAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('exams.codeExpires', { date: formatDateTime(l.activationExpiresAt).slice(0, 10) })}
              </Typography.Text>
            )}
          </Space>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, l) =>
        l.activated ? null : (
          <Popconfirm
            title={t('exams.regenerateConfirm')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => regen(l)}
          >
            <Button type="link" size="small" loading={regenerate.isPending && regenerate.variables === l.id} data-testid={`regen-${l.id}`}>
              {t('exams.regenerate')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('exams.learnersTitle')}</Typography.Title>
        <Space>
          <ExportButton path="/learners" query={query} />
          <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="learner-import">
            {t('exams.importLearners')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAddOpen(true)} data-testid="learner-add">
            {t('exams.addLearner')}
          </Button>
        </Space>
      </div>
      <div className="filter-bar">
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('exams.searchPlaceholder')}
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(v) => setQuery((q) => ({ ...q, page: 1, q: v.trim() || undefined }))}
          enterButton={t('common.search')}
          data-testid="learners-search"
        />
        <Select<'true' | 'false'>
          allowClear
          style={{ width: 150 }}
          placeholder={t('exams.activation')}
          value={query.activated}
          onChange={(v) => setQuery((q) => ({ ...q, page: 1, activated: v ?? undefined }))}
          options={[
            { value: 'true', label: t('exams.activated') },
            { value: 'false', label: t('exams.notActivated') },
          ]}
          data-testid="learners-activated"
        />
        <Select<'true' | 'false'>
          allowClear
          style={{ width: 150 }}
          placeholder={t('exams.poverty')}
          value={query.povertyRegistered}
          onChange={(v) => setQuery((q) => ({ ...q, page: 1, povertyRegistered: v ?? undefined }))}
          options={[
            { value: 'true', label: t('exams.poverty') },
            { value: 'false', label: t('exams.notPoverty') },
          ]}
        />
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void learners.refetch()} aria-label={t('common.refresh')} />
        </Tooltip>
      </div>
      {learners.isError && <Alert type="error" showIcon title={errorText(learners.error)} style={{ marginBottom: 16 }} />}
      <Table<LearnerDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={learners.data?.items ?? []}
        loading={learners.isFetching}
        scroll={{ x: 1100 }}
        data-testid="learners-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: learners.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
      />
      <AddLearnerDrawer
        open={addOpen}
        schoolId={me.scope.schoolId}
        onClose={() => setAddOpen(false)}
        onCreated={(r) => {
          setAddOpen(false);
          message.success(t('exams.createdOk'));
          setCodes({
            slips: [{ name: r.learner.name, className: r.learner.className, activationCode: r.activationCode }],
            expiresAt: r.activationExpiresAt,
          });
        }}
      />
      <LearnerImportModal
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={(r) => {
          setImportOpen(false);
          message.success(t('exams.importOk', { rows: r.rows, created: r.created }));
          setCodes({ slips: r.activationCodes, expiresAt: r.activationExpiresAt });
        }}
      />
      <ActivationCodesModal codes={codes} onClose={() => setCodes(null)} />
    </Card>
  );
}
