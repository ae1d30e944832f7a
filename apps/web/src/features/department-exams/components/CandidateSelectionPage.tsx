import { FilePdfOutlined, UploadOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { CERTIFICATE_LEVEL_LABELS, REGISTRATION_STATUS_LABELS, type LearnerDto, type RegistrationStatus } from '@onex/shared';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import {
  type DeptRegistration,
  useDeptPaperConsent,
  useDeptPropose,
  useDeptRegistrations,
  useDeptSession,
  useDeptSessions,
  useDeptStudents,
  useDeptWithdraw,
} from '../api';
import '../locales';

const STATUS_COLOR: Record<RegistrationStatus, string> = {
  proposed: 'gold',
  consented: 'blue',
  registered: 'green',
  refused: 'red',
  withdrawn: 'default',
};

/**
 * 考生遴选 (issue 17 item 3; 001 第十二条 由二级学院组织遴选学生参加考核; R5.3): the department administrator picks a
 * session of its pilot open for registration, proposes its own students and follows their consent.
 */
export function CandidateSelectionPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const sessions = useDeptSessions({ page: 1, pageSize: 200, status: 'registration_open' });
  const [sessionId, setSessionId] = useState<string | undefined>();
  const session = useDeptSession(sessionId);
  const s = session.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{t('deptExams.selectionTitle')}</Typography.Title>
        </div>
        <Typography.Paragraph type="secondary">{t('deptExams.selectionIntro')}</Typography.Paragraph>
        {sessions.isError && <Alert type="error" showIcon title={errorText(sessions.error)} style={{ marginBottom: 16 }} />}
        {sessions.isSuccess && sessions.data.items.length === 0 && (
          <Alert type="info" showIcon title={t('deptExams.noOpenSessions')} style={{ marginBottom: 16 }} />
        )}
        <Space wrap align="center">
          <Typography.Text strong>{t('deptExams.session')}</Typography.Text>
          <Select<string>
            style={{ minWidth: 480 }}
            placeholder={t('deptExams.sessionPlaceholder')}
            loading={sessions.isLoading}
            value={sessionId}
            onChange={setSessionId}
            data-testid="selection-session"
            options={(sessions.data?.items ?? []).map((x) => ({
              value: x.id,
              label: t('deptExams.sessionOption', {
                name: x.certificateTypeName,
                level: pickLabel(CERTIFICATE_LEVEL_LABELS, x.level, lang),
                date: x.examDate,
                site: x.examSiteName,
              }),
            }))}
          />
        </Space>
        {s && (
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('exams.organization')}>{s.organization.name}</Descriptions.Item>
            <Descriptions.Item label={t('exams.site')}>
              {s.examSite.name}（{s.examSite.address}）
            </Descriptions.Item>
            <Descriptions.Item label={t('deptExams.window')}>
              {formatDateTime(s.registrationOpensAt)} – {formatDateTime(s.registrationClosesAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('deptExams.seats')}>
              {t('deptExams.seatsLine', { taken: s.seatsTaken, capacity: s.capacity })}
            </Descriptions.Item>
            <Descriptions.Item label={t('deptExams.ourCounts')} span={2}>
              <Space size={4} wrap data-testid="selection-counts">
                {Object.entries(s.registrationCounts).map(([k, n]) => (
                  <Tag key={k} color={STATUS_COLOR[k as RegistrationStatus]}>
                    {pickLabel(REGISTRATION_STATUS_LABELS, k, lang)} {n}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {s && <RegistrationsCard sessionId={s.id} mayPropose={s.mayPropose} />}
    </Space>
  );
}

function RegistrationsCard({ sessionId, mayPropose }: { sessionId: string; mayPropose: boolean }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const list = useDeptRegistrations(sessionId);
  const paper = useDeptPaperConsent();
  const withdraw = useDeptWithdraw();
  const [open, setOpen] = useState(false);
  const live = (list.data?.items ?? []).filter((r) => r.status !== 'withdrawn' && r.status !== 'refused').map((r) => r.learner.id);

  return (
    <Card
      title={t('deptExams.ourRegistrations')}
      extra={
        <Space>
          <ExportButton path={`/exam-sessions/${encodeURIComponent(sessionId)}/registrations`} />
          {mayPropose && (
            <Button type="primary" icon={<UsergroupAddOutlined />} onClick={() => setOpen(true)} data-testid="selection-open">
              {t('deptExams.select')}
            </Button>
          )}
        </Space>
      }
    >
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<DeptRegistration>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={(list.data?.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 800 }}
        data-testid="selection-registrations"
        locale={{ emptyText: <Typography.Text type="secondary">{t('deptExams.noRegistrations')}</Typography.Text> }}
        columns={[
          { title: t('exams.name'), key: 'name', width: 120, render: (_, r) => r.learner.name },
          { title: t('exams.className'), key: 'class', render: (_, r) => r.learner.className ?? '' },
          {
            title: t('exams.consentStatus'),
            key: 'status',
            width: 220,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Tag color={STATUS_COLOR[r.status]} data-testid={`selection-status-${r.learner.id}`}>
                  {pickLabel(REGISTRATION_STATUS_LABELS, r.status, lang)}
                </Tag>
                {r.consentVia && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(r.consentVia === 'paper' ? 'exams.viaPaper' : 'exams.viaLearner')} {formatDateTime(r.consentAt)}
                  </Typography.Text>
                )}
              </Space>
            ),
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
                    <Button size="small" icon={<UploadOutlined />} loading={paper.isPending && paper.variables.id === r.id}>
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
      <SelectModal open={open} sessionId={sessionId} taken={live} onClose={() => setOpen(false)} />
    </Card>
  );
}

function SelectModal({ open, sessionId, taken, onClose }: { open: boolean; sessionId: string; taken: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const students = useDeptStudents(q, open);
  const propose = useDeptPropose();
  const close = () => {
    setSelected([]);
    setQ('');
    propose.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('deptExams.selectTitle')}
      width={760}
      onCancel={close}
      okText={t('deptExams.selectOk', { n: selected.length })}
      okButtonProps={{ disabled: selected.length === 0, loading: propose.isPending, 'data-testid': 'selection-submit' } as never}
      cancelText={t('common.cancel')}
      destroyOnHidden
      onOk={() =>
        propose.mutate(
          { id: sessionId, learnerIds: selected },
          {
            onSuccess: (r) => {
              void message.success(t('deptExams.selectedOk', { n: r.proposed, skipped: r.skipped.length }));
              close();
            },
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('exams.proposeRule')}</Typography.Paragraph>
      {propose.isError && <Alert type="error" showIcon title={errorText(propose.error)} style={{ marginBottom: 12 }} />}
      <Input.Search
        allowClear
        placeholder={t('deptExams.searchStudent')}
        style={{ width: 260, marginBottom: 12 }}
        onSearch={(v) => setQ(v.trim())}
        data-testid="selection-search"
      />
      <Table<LearnerDto>
        rowKey="id"
        size="small"
        loading={students.isFetching}
        dataSource={students.data?.items ?? []}
        pagination={{ pageSize: 10, size: 'small' }}
        data-testid="selection-students"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (l) => ({ disabled: taken.includes(l.id), 'aria-label': l.name }),
        }}
        columns={[
          {
            title: t('exams.name'),
            dataIndex: 'name',
            key: 'name',
            render: (v: string, l) => (
              <Space size={4}>
                {v}
                {taken.includes(l.id) && <Tag>{t('deptExams.alreadyProposed')}</Tag>}
              </Space>
            ),
          },
          { title: t('exams.className'), dataIndex: 'className', key: 'class', render: (v: string | null) => v ?? '' },
          { title: t('exams.major'), key: 'major', render: (_, l) => l.major?.name ?? '' },
          { title: t('exams.activation'), key: 'act', render: (_, l) => t(l.activated ? 'exams.activated' : 'exams.notActivated') },
        ]}
      />
    </Modal>
  );
}
