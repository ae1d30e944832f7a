import { CERTIFICATE_LEVEL_LABELS, EXAM_SESSION_STATUS_LABELS, EXAM_SESSION_STATUSES, type ExamSessionStatus } from '@onex/shared';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useSessions, type ExamSessionSummary, type SessionQuery } from '../api';
import { ScheduleSessionModal } from './ScheduleSessionModal';
import { ExportButton } from '../../../components/ExportButton';

/** 考核场次 (organization: its sessions) / 考核报名 (school: the sessions open to it). */
export function ExamSessionsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const me = useUser();
  const isOrg = me.role === 'org_admin';
  const [query, setQuery] = useState<SessionQuery>({ page: 1, pageSize: 20 });
  const list = useSessions(query);
  const [scheduling, setScheduling] = useState(false);

  const columns: TableProps<ExamSessionSummary>['columns'] = [
    {
      title: t('exams.session'),
      key: 'ct',
      render: (_, s) => (
        <Link to={`/exam-sessions/${s.id}`} data-testid={`session-${s.id}`}>
          {s.certificateTypeName} · {pickLabel(CERTIFICATE_LEVEL_LABELS, s.level, lang)}
        </Link>
      ),
    },
    ...(isOrg ? [] : [{ title: t('exams.organization'), key: 'org', render: (_: unknown, s: ExamSessionSummary) => s.organization.name }]),
    { title: t('exams.examDate'), dataIndex: 'examDate', key: 'date', width: 120 },
    { title: t('exams.site'), dataIndex: 'examSiteName', key: 'site' },
    {
      title: t('exams.registrationWindow'),
      key: 'window',
      width: 300,
      render: (_, s) => (
        <span>
          {formatDateTime(s.registrationOpensAt)} – {formatDateTime(s.registrationClosesAt)}
          {s.registrationOpenNow && (
            <Tag color="green" style={{ marginLeft: 6 }}>
              {t('exams.openNow')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('exams.seats'),
      key: 'seats',
      width: 110,
      align: 'right',
      render: (_, s) => `${s.candidateCount} / ${s.capacity}`,
    },
    {
      title: t('exams.status'),
      key: 'status',
      width: 110,
      render: (_, s) => <Tag>{pickLabel(EXAM_SESSION_STATUS_LABELS, s.status, lang)}</Tag>,
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t(isOrg ? 'menu.examSessions' : 'menu.examRegistrations')}</Typography.Title>
        <Space>
          <Select<ExamSessionStatus>
            allowClear
            style={{ width: 160 }}
            placeholder={t('exams.status')}
            value={query.status}
            onChange={(v) => setQuery((q) => ({ ...q, page: 1, status: v ?? undefined }))}
            options={EXAM_SESSION_STATUSES.map((s) => ({ value: s, label: pickLabel(EXAM_SESSION_STATUS_LABELS, s, lang) }))}
          />
          <ExportButton path="/exam-sessions" query={query} />
          {isOrg && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setScheduling(true)} data-testid="session-new">
              {t('exams.newSession')}
            </Button>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t(isOrg ? 'exams.sessionsIntroOrg' : 'exams.sessionsIntroSchool')}</Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<ExamSessionSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1000 }}
        data-testid="sessions-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
      />
      {isOrg && <ScheduleSessionModal open={scheduling} onClose={() => setScheduling(false)} />}
    </Card>
  );
}
