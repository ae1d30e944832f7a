import { ArrowLeftOutlined, FilePdfOutlined, UploadOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import {
  CERTIFICATE_LEVEL_LABELS,
  EXAM_SESSION_ACTION_LABELS,
  EXAM_SESSION_STATUS_LABELS,
  ID_TYPE_LABELS,
  REGISTRATION_STATUS_LABELS,
  type LearnerDto,
} from '@onex/shared';
import { Alert, App, Button, Card, Descriptions, Modal, Popconfirm, Result, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { formatFen, pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useLearners } from '../../../lib/learners';
import {
  useCandidates,
  usePaperConsent,
  usePropose,
  useRegistrations,
  useSession,
  useTransition,
  useWithdraw,
  type Candidate,
  type ExamSessionDetail,
  type Registration,
} from '../api';
import { manualActions, registrationColor, seatsLeft } from '../session-helpers';
import { InvigilationCard } from '../../../components/InvigilationCard';
import { PublishScoresModal } from './PublishScoresModal';
import { ResultsImportCard } from './ResultsImportCard';
import { ExportButton } from '../../../components/ExportButton';

export function ExamSessionDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useUser();
  const isOrg = me.role === 'org_admin';
  const session = useSession(id);
  const transition = useTransition();
  const [publishing, setPublishing] = useState(false);

  if (session.isLoading) return <Spin />;
  if (session.isError || !session.data)
    return <Result status="warning" title={errorText(session.error)} extra={<Link to="/exam-sessions">{t('exams.backToList')}</Link>} />;
  const s = session.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Space>
            <Link to="/exam-sessions">
              <ArrowLeftOutlined />
            </Link>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {s.certificateTypeName} · {pickLabel(CERTIFICATE_LEVEL_LABELS, s.level, lang)}
            </Typography.Title>
            <Tag color="blue">{pickLabel(EXAM_SESSION_STATUS_LABELS, s.status, lang)}</Tag>
          </Space>
          {isOrg && (
            <Space wrap>
              {manualActions(s.allowedActions).map((a) => (
                <Popconfirm
                  key={a}
                  title={t('exams.transitionConfirm', { action: pickLabel(EXAM_SESSION_ACTION_LABELS, a, lang) })}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    transition.mutate(
                      { id: s.id, action: a },
                      {
                        onSuccess: () =>
                          void message.success(t('exams.transitionOk', { action: pickLabel(EXAM_SESSION_ACTION_LABELS, a, lang) })),
                        onError: (err) => void message.error(errorText(err)),
                      },
                    )
                  }
                >
                  <Button
                    type="primary"
                    loading={transition.isPending && transition.variables.action === a}
                    data-testid={`transition-${a}`}
                  >
                    {pickLabel(EXAM_SESSION_ACTION_LABELS, a, lang)}
                  </Button>
                </Popconfirm>
              ))}
              {s.status === 'scores_entered' && (
                <Button type="primary" onClick={() => setPublishing(true)} data-testid="publish-scores">
                  {t('exams.publishScores')}
                </Button>
              )}
            </Space>
          )}
        </div>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
          <Descriptions.Item label={t('exams.organization')}>{s.organization.name}</Descriptions.Item>
          <Descriptions.Item label={t('exams.examDate')}>{s.examDate}</Descriptions.Item>
          <Descriptions.Item label={t('exams.site')}>
            {s.examSite.name}（{s.examSite.address}）
          </Descriptions.Item>
          <Descriptions.Item label={t('exams.registrationWindow')}>
            {formatDateTime(s.registrationOpensAt)} – {formatDateTime(s.registrationClosesAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('exams.seats')}>
            {t('exams.seatsLine', { taken: s.seatsTaken, capacity: s.capacity, left: seatsLeft(s.capacity, s.seatsTaken) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('exams.registrationCounts')}>
            <Space size={4} wrap>
              {Object.entries(s.registrationCounts).map(([k, n]) => (
                <Tag key={k} color={registrationColor(k as Registration['status'])}>
                  {pickLabel(REGISTRATION_STATUS_LABELS, k, lang)} {n}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          {s.scoresPublishedAt && (
            <Descriptions.Item label={t('exams.publicityDays')}>
              {t('exams.publicityLine', { days: s.publicityDays, at: formatDateTime(s.scoresPublishedAt) })}
            </Descriptions.Item>
          )}
        </Descriptions>
        {s.status === 'scores_entered' && <PublishScoresModal sessionId={s.id} open={publishing} onClose={() => setPublishing(false)} />}
      </Card>
      {isOrg ? (
        <>
          <ResultsImportCard sessionId={s.id} />
          <CandidatesCard sessionId={s.id} />
        </>
      ) : (
        <RegistrationsCard session={s} />
      )}
      {(s.mayInvigilate || isOrg) && <InvigilationCard sessionId={s.id} />}
    </Space>
  );
}

function CandidatesCard({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [page, setPage] = useState(1);
  const list = useCandidates(sessionId, page, true);
  return (
    <Card title={t('exams.candidatesTitle')} extra={<ExportButton path={`/exam-sessions/${encodeURIComponent(sessionId)}/candidates`} />}>
      <Table<Candidate>
        rowKey="candidateId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        data-testid="candidates"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('exams.name'), dataIndex: 'name', key: 'name', width: 110 },
          {
            title: t('exams.idNumber'),
            key: 'id',
            render: (_, c) => (
              <span style={{ fontFamily: 'monospace' }}>
                {c.idNumber}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {pickLabel(ID_TYPE_LABELS, c.idType, lang)}
                </Typography.Text>
              </span>
            ),
          },
          { title: t('exams.school'), dataIndex: 'schoolName', key: 'school', render: (v: string | null) => v ?? t('exams.socialLearner') },
          { title: t('exams.className'), dataIndex: 'className', key: 'class', render: (v: string | null) => v ?? '' },
          {
            title: t('exams.score'),
            key: 'score',
            width: 140,
            render: (_, c) =>
              c.hasResult ? (
                <Space>
                  {c.score}
                  <Tag color={c.passed ? 'green' : 'red'}>{t(c.passed ? 'exams.passed' : 'exams.failed')}</Tag>
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}

function RegistrationsCard({ session }: { session: ExamSessionDetail }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const list = useRegistrations(session.id, true);
  const paper = usePaperConsent();
  const withdraw = useWithdraw();
  const [proposeOpen, setProposeOpen] = useState(false);

  return (
    <Card
      title={t('exams.registrationsTitle')}
      extra={
        <Space>
          <ExportButton path={`/exam-sessions/${encodeURIComponent(session.id)}/registrations`} />
          {session.mayPropose && (
            <Button type="primary" icon={<UsergroupAddOutlined />} onClick={() => setProposeOpen(true)} data-testid="propose">
              {t('exams.propose')}
            </Button>
          )}
        </Space>
      }
    >
      <Alert type="info" showIcon title={t('exams.proposeRule')} style={{ marginBottom: 16 }} />
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<Registration>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={(list.data?.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 900 }}
        data-testid="registrations"
        columns={[
          { title: t('exams.name'), key: 'name', width: 110, render: (_, r) => r.learner.name },
          { title: t('exams.className'), key: 'class', render: (_, r) => r.learner.className ?? '' },
          {
            title: t('exams.consentStatus'),
            key: 'status',
            width: 200,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Tag color={registrationColor(r.status)}>{pickLabel(REGISTRATION_STATUS_LABELS, r.status, lang)}</Tag>
                {r.consentVia && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(r.consentVia === 'paper' ? 'exams.viaPaper' : 'exams.viaLearner')} {formatDateTime(r.consentAt)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('exams.fees'),
            key: 'fee',
            width: 190,
            render: (_, r) => (r.feeExempt ? <Tag color="orange">{t('exams.exempt')}</Tag> : formatFen(r.feeFen)),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 240,
            render: (_, r) => (
              <Space size={4} wrap>
                {r.consentFileId && (
                  <a href={`/api/v1/files/${encodeURIComponent(r.consentFileId)}`} target="_blank" rel="noreferrer">
                    <FilePdfOutlined /> {t('exams.paperConsentFile')}
                  </a>
                )}
                {r.allowedActions.includes('paper_consent') && (
                  <Upload
                    accept=".pdf,application/pdf"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      paper.mutate(
                        { id: r.id, file },
                        {
                          onSuccess: () => void message.success(t('exams.paperConsentOk')),
                          onError: (err) => void message.error(errorText(err)),
                        },
                      );
                      return false;
                    }}
                  >
                    <Button
                      size="small"
                      icon={<UploadOutlined />}
                      loading={paper.isPending && paper.variables.id === r.id}
                      data-testid={`paper-${r.id}`}
                    >
                      {t('exams.paperConsent')}
                    </Button>
                  </Upload>
                )}
                {r.allowedActions.includes('withdraw') && (
                  <Popconfirm
                    title={t('exams.withdrawConfirm')}
                    okText={t('common.ok')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => withdraw.mutate(r.id, { onError: (err) => void message.error(errorText(err)) })}
                  >
                    <Button size="small" type="link" danger>
                      {t('exams.withdraw')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ProposeModal
        open={proposeOpen}
        sessionId={session.id}
        taken={(list.data?.items ?? []).map((r) => r.learner.id)}
        onClose={() => setProposeOpen(false)}
      />
    </Card>
  );
}

function ProposeModal({ open, sessionId, taken, onClose }: { open: boolean; sessionId: string; taken: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [selected, setSelected] = useState<string[]>([]);
  const learners = useLearners({ page: 1, pageSize: 200, kind: 'pilot_student' });
  const propose = usePropose();
  const close = () => {
    setSelected([]);
    propose.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('exams.propose')}
      width={720}
      onCancel={close}
      okText={t('exams.proposeOk', { n: selected.length })}
      okButtonProps={{ disabled: selected.length === 0, loading: propose.isPending }}
      cancelText={t('common.cancel')}
      onOk={() =>
        propose.mutate(
          { id: sessionId, learnerIds: selected },
          {
            onSuccess: (r) => {
              void message.success(t('exams.proposedOk', { n: r.proposed, skipped: r.skipped.length }));
              close();
            },
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('exams.proposeRule')}</Typography.Paragraph>
      {propose.isError && <Alert type="error" showIcon title={errorText(propose.error)} style={{ marginBottom: 12 }} />}
      <Table<LearnerDto>
        rowKey="id"
        size="small"
        loading={learners.isFetching}
        dataSource={learners.data?.items ?? []}
        pagination={{ pageSize: 10, size: 'small' }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (l) => ({ disabled: taken.includes(l.id) }),
        }}
        columns={[
          { title: t('exams.name'), dataIndex: 'name', key: 'name' },
          { title: t('exams.className'), dataIndex: 'className', key: 'class', render: (v: string | null) => v ?? '' },
          { title: t('exams.major'), key: 'major', render: (_, l) => l.major?.name ?? '' },
          { title: t('exams.activation'), key: 'act', render: (_, l) => t(l.activated ? 'exams.activated' : 'exams.notActivated') },
        ]}
      />
    </Modal>
  );
}
