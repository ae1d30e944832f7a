import { FILING_RULES, SCHOOL_TYPE_LABELS } from '@onex/shared';
import { ArrowLeftOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useUser } from '../../../lib/session';
import { levelLabel } from '../../../lib/catalog';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useFiling, useRound } from '../api';
import { FILING_STEPS, numberedStep } from '../filing-helpers';
import { ChangeRequestsCard } from './ChangeRequests';
import { AttachmentsTable, FilingStatusTag, FilingTimeline, RoundCountdown, RuleReportTable } from './bits';
import { FilingEditor } from './FilingEditor';
import { FilingView } from './FilingView';
import { ExpertsCard, ReviewPanel, showsExperts } from './ReviewPanel';
import { REVIEW_FACT_ROLES, ReviewFactsCard } from './ReviewFactsCard';

const ruleText = (id: string) => FILING_RULES.find((r) => r.id === id)?.description ?? id;

const LIST_BY_ROLE: Record<string, string> = {
  school_admin: '/filings',
  department_admin: '/filings',
  project_leader: '/filings',
  municipal_admin: '/municipal-review',
  expert: '/expert-reviews',
  province_admin: '/filing-review',
  national_admin: '/filing-query',
};

export function FilingDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { lang } = useLang();
  const user = useUser();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const filing = useFiling(id);
  const f = filing.data;
  const round = useRound(f?.roundId);

  if (filing.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!f) return <Result status="warning" title={t('common.loadFailed')} subTitle={filing.error ? errorText(filing.error) : undefined} />;

  const editing = f.allowedActions.includes('edit');
  const decisions = Object.entries(f.warningDecisions);
  const reasons = Object.entries(f.warningReasons);
  const lastReturn = [...f.timeline].reverse().find((e) => e.toStatus === 'returned');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="filing-detail">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => void navigate(LIST_BY_ROLE[user.role] ?? '/')} style={{ padding: 0 }}>
        {t('filings.back')}
      </Button>
      <Card>
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="filing-title">
              {f.certificateTypeName}
            </Typography.Title>
            {f.levels.map((l) => (
              <Tag key={l} color="blue">
                {levelLabel(l, lang)}
              </Tag>
            ))}
            <FilingStatusTag status={f.status} decision={f.decision} />
            {f.needsMunicipalReview && <Tag color="cyan">{t('filings.secondaryPath')}</Tag>}
          </Space>
          {user.role === 'province_admin' || user.role === 'national_admin' || user.role === 'school_admin' ? (
            <Space wrap>
              <Button
                size="small"
                icon={<FilePdfOutlined />}
                href={`/api/v1/filings/${f.id}/filing-form.pdf`}
                target="_blank"
                data-testid="export-filing-form"
              >
                {t('filings.exportForm')}
              </Button>
              <Button
                size="small"
                icon={<FilePdfOutlined />}
                href={`/api/v1/filings/${f.id}/feasibility-report.pdf`}
                target="_blank"
                data-testid="export-feasibility-report"
              >
                {t('filings.exportReport')}
              </Button>
            </Space>
          ) : null}
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('filings.school')}>{f.schoolName}</Descriptions.Item>
            <Descriptions.Item label={t('filings.schoolType')}>{pickLabel(SCHOOL_TYPE_LABELS, f.schoolType, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('filings.department')}>{f.departmentName}</Descriptions.Item>
            <Descriptions.Item label={t('filings.round')}>{f.roundName}</Descriptions.Item>
            <Descriptions.Item label={t('filings.submittedAt')}>{formatDateTime(f.submittedAt) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('filings.plannedTrainees')}>{f.plannedTrainees}</Descriptions.Item>
          </Descriptions>
          {editing && round.data && round.data.status === 'open' && <RoundCountdown round={round.data} />}
        </Space>
      </Card>

      {f.status === 'published' && f.decision && (
        <Alert
          type={f.decision === 'approved' ? 'success' : 'error'}
          showIcon
          title={`${t('filings.resultTitle')}：${f.decision === 'approved' ? t('filings.approvedResult') : t('filings.rejectedResult')}`}
          description={f.decisionComment ? `${t('filings.decisionComment')}：${f.decisionComment}` : undefined}
          data-testid="filing-result"
        />
      )}
      {f.status === 'published' && f.decision === 'approved' && <ChangeRequestsCard filing={f} />}
      {f.status === 'returned' && lastReturn?.opinion && (
        <Alert type="warning" showIcon title={`${t('filings.returnComment')}：${lastReturn.opinion}`} data-testid="return-opinion" />
      )}

      <Row gutter={16}>
        <Col xs={24} xl={editing ? 24 : 16}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {/* The editor counts the round's required attachments among what is missing: it waits for the round. */}
            {editing ? round.isLoading ? <Spin /> : <FilingEditor filing={f} round={round.data} /> : <FilingView filing={f} />}
            {!editing && (
              <Card size="small" title={numberedStep(FILING_STEPS.indexOf('attachments'), t('filings.steps.attachments'))}>
                <AttachmentsTable
                  filingId={f.id}
                  attachments={f.attachments}
                  required={round.data?.requiredAttachments ?? []}
                  editable={false}
                />
              </Card>
            )}
            {!editing && REVIEW_FACT_ROLES.includes(user.role) && <ReviewFactsCard filingId={f.id} />}
            {!editing && f.ruleReportAtSubmission && (
              <Card size="small" title={t('filings.ruleReportAtSubmission')}>
                <RuleReportTable report={f.ruleReportAtSubmission} given={f.warningReasons} />
              </Card>
            )}
            {!editing && (reasons.length > 0 || decisions.length > 0) && (
              <Card size="small" title={t('filings.warningReasonsTitle')}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="0"
                  dataSource={reasons}
                  columns={[
                    { title: t('filings.message'), key: 'r', render: (_, [k]) => ruleText(k) },
                    { title: t('filings.schoolReason'), key: 's', render: (_, [, v]) => v },
                    {
                      title: t('filings.warningDecision'),
                      key: 'd',
                      render: (_, [k]) => {
                        const d = f.warningDecisions[k];
                        if (!d) return '—';
                        return (
                          <span>
                            <Tag color={d.accepted ? 'green' : 'red'}>
                              {d.accepted ? t('filings.acceptWarning') : t('filings.refuseWarning')}
                            </Tag>
                            {d.reason}
                          </span>
                        );
                      },
                    },
                  ]}
                />
              </Card>
            )}
          </Space>
        </Col>
        {!editing && (
          <Col xs={24} xl={8}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <ReviewPanel filing={f} />
              <Card size="small" title={t('filings.timelineTitle')}>
                <FilingTimeline events={f.timeline} />
              </Card>
            </Space>
          </Col>
        )}
      </Row>
      {!editing && showsExperts(f) && <ExpertsCard filing={f} />}
      {editing && (
        <Card size="small" title={t('filings.timelineTitle')}>
          <FilingTimeline events={f.timeline} />
        </Card>
      )}
    </Space>
  );
}
