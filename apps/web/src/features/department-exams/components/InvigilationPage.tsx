import { CERTIFICATE_LEVEL_LABELS, EXAM_SESSION_STATUS_LABELS } from '@onex/shared';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { InvigilationCard } from '../../../components/InvigilationCard';
import { type DeptSession, type DeptSessionQuery, useDeptSessions } from '../api';
import '../locales';

/**
 * 监考安排 (issue 17 item 3; 001 第十五条 试点考证巡考、监考由二级学院安排，监考费按相关管理办法执行; R5.4): the sessions at
 * the school's sites of the department's pilot certificates, and for the one chosen its invigilators and their fees.
 */
export function InvigilationPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const me = useUser();
  const [query, setQuery] = useState<DeptSessionQuery>({ page: 1, pageSize: 20, hostSchoolId: me.scope.schoolId });
  const list = useDeptSessions(query);
  const [chosen, setChosen] = useState<DeptSession | null>(null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{t('deptExams.invigilationTitle')}</Typography.Title>
          <ExportButton path="/exam-sessions" query={query} />
        </div>
        <Typography.Paragraph type="secondary">{t('deptExams.invigilationIntro')}</Typography.Paragraph>
        {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
        <Table<DeptSession>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          data-testid="invigilation-sessions"
          locale={{ emptyText: <Typography.Text type="secondary">{t('deptExams.noHostedSessions')}</Typography.Text> }}
          rowClassName={(s) => (s.id === chosen?.id ? 'ant-table-row-selected' : '')}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
          columns={[
            {
              title: t('exams.session'),
              key: 'ct',
              render: (_, s) => `${s.certificateTypeName} · ${pickLabel(CERTIFICATE_LEVEL_LABELS, s.level, lang)}`,
            },
            { title: t('exams.examDate'), dataIndex: 'examDate', key: 'date', width: 120 },
            { title: t('exams.site'), dataIndex: 'examSiteName', key: 'site' },
            { title: t('exams.seats'), key: 'seats', width: 110, align: 'right', render: (_, s) => `${s.candidateCount} / ${s.capacity}` },
            {
              title: t('exams.status'),
              key: 'status',
              width: 110,
              render: (_, s) => <Tag>{pickLabel(EXAM_SESSION_STATUS_LABELS, s.status, lang)}</Tag>,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 110,
              render: (_, s) => (
                <Button
                  size="small"
                  type={s.id === chosen?.id ? 'primary' : 'default'}
                  onClick={() => setChosen(s)}
                  data-testid={`arrange-${s.id}`}
                >
                  {t('deptExams.arrange')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {chosen ? (
        <InvigilationCard
          key={chosen.id}
          sessionId={chosen.id}
          title={`${t('deptExams.invigilationTitle')}：${t('deptExams.arranging', { name: chosen.certificateTypeName, date: chosen.examDate })}`}
          notice={
            chosen.status === 'closed' && <Alert type="info" showIcon title={t('deptExams.closedSession')} style={{ marginBottom: 16 }} />
          }
        />
      ) : (
        <Alert type="info" showIcon title={t('deptExams.chooseSession')} />
      )}
    </Space>
  );
}
