import { FilePdfOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { CERTIFICATE_LEVEL_LABELS, EXAM_SESSION_STATUS_LABELS, type CertificateDto, type CertificatePdfJobDto } from '@onex/shared';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Progress, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import {
  type CertificateQuery,
  type IssuableSession,
  isPdfJobDone,
  useCertificates,
  useCreatePdfJob,
  useIssuableSessions,
  useIssueCertificates,
  usePdfJob,
  usePdfJobs,
  useRevokeCertificate,
} from '../api';
import { issuableAt, issuableFromOf } from '../certificate-helpers';
import { CertificateSearch, CertificatesTable, DownloadButtons } from './bits';
import { ExportButton } from '../../../components/ExportButton';

/** 证书发放 (organization, R6.1, R6.3, R6.4): per session with published scores — issue, the certificates, revoke, batch PDF. */
export function CertificateIssuancePage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const sessions = useIssuableSessions();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('session');
  const session = sessions.data?.find((s) => s.id === chosen) ?? sessions.data?.[0];
  const label = (s: IssuableSession) =>
    `${s.certificateTypeName} · ${pickLabel(CERTIFICATE_LEVEL_LABELS, s.level, lang)} · ${s.examDate} · ${s.examSiteName}`;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{t('menu.certificateIssuance')}</Typography.Title>
        </div>
        {sessions.isError && <Alert type="error" showIcon title={errorText(sessions.error)} />}
        {sessions.data && sessions.data.length === 0 ? (
          <Empty description={t('certificates.noSessions')} />
        ) : (
          <Space wrap align="center">
            <Typography.Text strong>{t('certificates.session')}</Typography.Text>
            <Select
              style={{ minWidth: 520, maxWidth: '100%' }}
              loading={sessions.isPending}
              placeholder={t('certificates.sessionPlaceholder')}
              value={session?.id}
              onChange={(id: string) => setParams({ session: id }, { replace: true })}
              options={(sessions.data ?? []).map((s) => ({ value: s.id, label: label(s) }))}
              data-testid="issuance-session"
            />
            {session && <Tag>{pickLabel(EXAM_SESSION_STATUS_LABELS, session.status, lang)}</Tag>}
            {session && <PublicityNote session={session} />}
          </Space>
        )}
      </Card>
      {session && <SessionCertificates key={session.id} sessionId={session.id} />}
    </Space>
  );
}

/** The session's 公示期 and when issuance opens, here where it matters (not only on 签名密钥). */
function PublicityNote({ session }: { session: IssuableSession }) {
  const { t } = useTranslation();
  const at = issuableAt(session.scoresPublishedAt, session.publicityDays);
  return (
    <Typography.Text type="secondary" data-testid="issuance-publicity">
      {t('certificates.sessionPublicity', { days: session.publicityDays })}
      {at && ` · ${t('certificates.issuableFrom', { at: formatDateTime(at) })}`}
    </Typography.Text>
  );
}

function SessionCertificates({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const issue = useIssueCertificates();
  const [query, setQuery] = useState<CertificateQuery>({ page: 1, pageSize: 20, sessionId });
  const list = useCertificates(query);
  // The batch PDF prints the whole session: while a search narrows the list, its count is read apart.
  const count = useCertificates({ page: 1, pageSize: 1, sessionId }, Boolean(query.q));
  const total = (query.q ? count.data?.total : list.data?.total) ?? 0;
  const [revoking, setRevoking] = useState<CertificateDto | null>(null);

  return (
    <>
      <Card
        title={
          <Space>
            <SafetyCertificateOutlined />
            {t('certificates.issueTitle')}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('certificates.issueHint')}</Typography.Paragraph>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Popconfirm
            title={t('certificates.issueConfirm')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              issue.mutate(sessionId, {
                onSuccess: (r) => void message.success(t('certificates.issuedResult', r)),
              })
            }
          >
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={issue.isPending} data-testid="issue-certificates">
              {t('certificates.issue')}
            </Button>
          </Popconfirm>
          {issue.data && <Alert type="success" showIcon title={t('certificates.issuedResult', issue.data)} data-testid="issue-result" />}
          {issue.isError && (
            <Alert
              type="warning"
              showIcon
              title={errorText(issue.error)}
              description={
                issuableFromOf(issue.error) && t('certificates.issuableFrom', { at: formatDateTime(issuableFromOf(issue.error)) })
              }
              data-testid="issue-error"
            />
          )}
        </Space>
      </Card>

      <BatchPdfCard sessionId={sessionId} total={total} />

      <Card title={t('certificates.sessionCertificates')}>
        <Space style={{ marginBottom: 12 }} wrap>
          <CertificateSearch onSearch={(v) => setQuery((q) => ({ ...q, page: 1, q: v }))} />
          <ExportButton path="/certificates" query={query} />
        </Space>
        <CertificatesTable
          list={list}
          query={query}
          setQuery={setQuery}
          middle={[{ title: t('certificates.school'), key: 'school', render: (_, c) => c.schoolName ?? t('common.none') }]}
          actions={{
            width: 200,
            render: (c) => (
              <Space size="small">
                <DownloadButtons number={c.number} credential={false} size="small" />
                {c.status === 'valid' && (
                  <Button size="small" danger icon={<StopOutlined />} onClick={() => setRevoking(c)} data-testid={`revoke-${c.number}`}>
                    {t('certificates.revoke')}
                  </Button>
                )}
              </Space>
            ),
          }}
          scrollX={1100}
          testId="session-certificates"
        />
      </Card>
      <RevokeModal certificate={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}

function RevokeModal({ certificate, onClose }: { certificate: CertificateDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useRevokeCertificate();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [error, setError] = useState<string | null>(null);

  function close() {
    form.resetFields();
    setError(null);
    revoke.reset();
    onClose();
  }

  return (
    <Modal
      open={Boolean(certificate)}
      title={t('certificates.revokeTitle', { number: certificate?.number ?? '' })}
      okText={t('certificates.revoke')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={revoke.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('certificates.revokeWarning')} style={{ marginBottom: 16 }} />
      {certificate && (
        <Typography.Paragraph>
          {certificate.holderName}（{certificate.holderIdMasked}）· {certificate.number}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (!certificate) return;
          setError(null);
          revoke.mutate(
            { number: certificate.number, reason: v.reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('certificates.revokedOk'));
                close();
              },
              onError: (err) => {
                if (!showFieldErrors(form, err, {}, ['reason'])) setError(errorText(err));
              },
            },
          );
        }}
      >
        <Form.Item
          name="reason"
          label={t('certificates.revocationReason')}
          rules={[
            { required: true, whitespace: true, message: t('certificates.revokeReasonRequired') },
            { min: 2, message: t('certificates.revokeReasonRequired') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('certificates.revokeReasonPlaceholder')}
            data-testid="revoke-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 批量打印: queue the session's batch PDF, follow its progress, download it. */
function BatchPdfCard({ sessionId, total }: { sessionId: string; total: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const jobs = usePdfJobs(sessionId);
  const create = useCreatePdfJob();
  const [jobId, setJobId] = useState<string | null>(null);
  const latest = jobs.data?.[0];
  const followed = usePdfJob(jobId ?? (latest && !isPdfJobDone(latest) ? latest.id : null));
  const job: CertificatePdfJobDto | undefined = followed.data ?? latest;
  const running = job && !isPdfJobDone(job);

  return (
    <Card
      title={
        <Space>
          <FilePdfOutlined />
          {t('certificates.batchTitle')}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('certificates.batchHint')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button
          icon={<FilePdfOutlined />}
          disabled={total === 0 || Boolean(running)}
          loading={create.isPending}
          onClick={() => create.mutate(sessionId, { onSuccess: (j) => setJobId(j.id) })}
          data-testid="batch-pdf-start"
        >
          {t('certificates.batchStart', { total })}
        </Button>
        {create.isError && <Alert type="error" showIcon title={errorText(create.error)} />}
        {job && (
          <div data-testid="batch-pdf-job" data-status={job.status}>
            <Space wrap>
              <Tag color={job.status === 'succeeded' ? 'green' : job.status === 'failed' ? 'red' : 'blue'}>
                {t(`certificates.jobStatus.${job.status}`)}
              </Tag>
              <Typography.Text type="secondary">{t('certificates.batchCreatedAt', { at: formatDateTime(job.createdAt) })}</Typography.Text>
              <Typography.Text>{t('certificates.batchProgress', { done: job.done, total: job.total })}</Typography.Text>
            </Space>
            <Progress
              percent={job.total ? Math.round((job.done / job.total) * 100) : 0}
              status={job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : 'active'}
            />
            {job.message && <Alert type="error" showIcon title={job.message} />}
            {job.downloadUrl && (
              <Button type="primary" icon={<FilePdfOutlined />} href={job.downloadUrl} download data-testid="batch-pdf-download">
                {t('certificates.batchDownload')}
              </Button>
            )}
          </div>
        )}
      </Space>
    </Card>
  );
}
