import type { EligibilityFactDto, FilingMajorFactsDto, FilingReviewFactsDto, PilotHistoryEntryDto } from '@onex/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { useErrorText } from '../../../lib/useErrorText';
import '../review-facts.locales';

/** Roles that review filings and see their facts (R2.3); the server decides visibility (an expert: assigned only). */
export const REVIEW_FACT_ROLES: readonly string[] = ['municipal_admin', 'expert', 'province_admin', 'national_admin'];

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

function FactCell({ fact, children }: { fact: EligibilityFactDto | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  if (!fact) return null;
  return (
    <Space orientation="vertical" size={0}>
      <span>
        <Tag color={fact.passed ? 'green' : 'red'} data-testid={`fact-${fact.id}`}>
          {fact.passed ? t('reviewFacts.pass') : t('reviewFacts.fail')}
        </Tag>
        {children}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fact.message}
      </Typography.Text>
    </Space>
  );
}

/** Each plan major's eligibility facts with the figures behind them, and the earlier pilots (R2.3). */
export function ReviewFactsCard({ filingId }: { filingId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const q = useQuery({
    queryKey: ['filings', 'review-facts', filingId],
    queryFn: () => api.get<FilingReviewFactsDto>(`/filings/${encodeURIComponent(filingId)}/review-facts`),
  });
  if (q.isError) return <Alert type="error" showIcon title={errorText(q.error)} />;
  const d = q.data;
  const fact = (m: FilingMajorFactsDto, id: EligibilityFactDto['id']) => m.facts.find((f) => f.id === id);
  return (
    <Card size="small" title={t('reviewFacts.title')} loading={q.isLoading} data-testid="review-facts">
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('reviewFacts.source', { source: d.source })}</Typography.Text>
          <Table<FilingMajorFactsDto>
            size="small"
            pagination={false}
            rowKey="schoolMajorId"
            dataSource={d.majors}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('reviewFacts.major'), key: 'm', render: (_, m) => `${m.majorCode} ${m.majorName}` },
              { title: t('reviewFacts.year'), dataIndex: 'year', key: 'y' },
              {
                title: t('reviewFacts.enrolment'),
                key: 'e',
                render: (_, m) => {
                  const f = fact(m, 'continuous_enrollment');
                  return (
                    <FactCell fact={f}>
                      {(f?.years ?? []).map((y) => `${y.year}: ${y.enrolledStudents ?? t('reviewFacts.noFigures')}`).join('；')}
                    </FactCell>
                  );
                },
              },
              {
                title: t('reviewFacts.dual'),
                key: 'd',
                render: (_, m) => {
                  const f = fact(m, 'dual_qualified_ratio');
                  return (
                    <FactCell fact={f}>
                      {m.figures
                        ? `${m.figures.dualQualifiedTeachers}/${m.figures.fullTimeTeachers} = ${pct(f?.value ?? null)}`
                        : t('reviewFacts.noFigures')}
                    </FactCell>
                  );
                },
              },
              {
                title: t('reviewFacts.experts'),
                key: 'x',
                render: (_, m) => {
                  const f = fact(m, 'industry_expert_ratio');
                  return (
                    <FactCell fact={f}>
                      {m.figures
                        ? `${m.figures.industryExpertTeachers}/${m.figures.fullTimeTeachers + m.figures.partTimeTeachers} = ${pct(f?.value ?? null)}`
                        : t('reviewFacts.noFigures')}
                    </FactCell>
                  );
                },
              },
              {
                title: t('reviewFacts.result'),
                key: 'r',
                render: (_, m) => <Tag color={m.passed ? 'green' : 'red'}>{m.passed ? t('reviewFacts.pass') : t('reviewFacts.fail')}</Tag>,
              },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('reviewFacts.historyTitle')}
          </Typography.Title>
          {d.history.length === 0 ? (
            <Typography.Text type="secondary" data-testid="pilot-history-empty">
              {t('reviewFacts.noHistory')}
            </Typography.Text>
          ) : (
            <Table<PilotHistoryEntryDto>
              size="small"
              pagination={false}
              rowKey="filingId"
              dataSource={d.history}
              data-testid="pilot-history"
              columns={[
                { title: t('reviewFacts.year'), dataIndex: 'year', key: 'y' },
                { title: t('reviewFacts.round'), dataIndex: 'roundName', key: 'r' },
                {
                  title: t('reviewFacts.decision'),
                  key: 'd',
                  render: (_, h) => (
                    <Space wrap>
                      {h.decision && (
                        <Tag color={h.decision === 'approved' ? 'green' : 'red'}>
                          {t(`reviewFacts.${h.decision === 'approved' ? 'approved' : 'rejected'}`)}
                        </Tag>
                      )}
                      {h.cancelledAt && <Tag color="red">{t('reviewFacts.cancelled')}</Tag>}
                    </Space>
                  ),
                },
                {
                  title: t('reviewFacts.passRate'),
                  key: 'p',
                  render: (_, h) =>
                    h.passRate === null
                      ? '—'
                      : `${pct(h.passRate)}（${t('reviewFacts.candidates', { passed: h.passedCandidates, candidates: h.candidates })}）`,
                },
                {
                  title: t('reviewFacts.flags'),
                  key: 'f',
                  render: (_, h) =>
                    h.flags.length === 0
                      ? '—'
                      : h.flags.map((fl, i) => (
                          <div key={i}>
                            <Tag color={fl.clearedAt ? 'default' : 'orange'}>{fl.clause}</Tag>
                            {fl.detail}
                            {fl.clearedAt ? `（${t('reviewFacts.cleared')}）` : ''}
                          </div>
                        )),
                },
              ]}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
