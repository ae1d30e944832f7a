import type { FilingDetailDto } from '@onex/shared';
import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { levelLabel } from '../../../lib/catalog';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { formatFen } from '../../../lib/money';
import '../locales';
import { FILING_STEPS, numberedStep, type FilingStep } from '../filing-helpers';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const txt = (v: unknown): ReactNode =>
  v === undefined || v === null || v === '' ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <span style={{ whiteSpace: 'pre-wrap' }}>{String(v)}</span>
  );

/** The filing read-only, in the order and with the numbered steps of the filing wizard (000 附件1 and 附件2). */
export function FilingView({ filing }: { filing: FilingDetailDto }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const s = filing.sections;
  const step = (k: FilingStep) => numberedStep(FILING_STEPS.indexOf(k), t(`filings.steps.${k}`));
  const leader = o(s.leader);
  const overview = o(s.overview);
  const teachers = o(overview.teachers);
  const facilities = o(overview.facilities);
  const feas = o(s.feasibility);
  const opinions = o(s.opinions);
  const yesNo = (v: unknown) => (v === true ? t('filings.yes') : v === false ? t('filings.no') : txt(undefined));
  const levels = filing.levels.map((l) => levelLabel(l, lang)).join('、');
  const majorName = (id: unknown) => s.plan.rows.find((r) => r.schoolMajorId === id)?.majorName ?? '';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="filing-view">
      <Card size="small" title={step('basics')}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('filings.certificate')}>{filing.certificateTypeName}</Descriptions.Item>
          <Descriptions.Item label={t('filings.levels')}>{levels}</Descriptions.Item>
          <Descriptions.Item label={t('filings.declaringUnit')}>{filing.schoolName}</Descriptions.Item>
          <Descriptions.Item label={t('filings.department')}>{filing.departmentName}</Descriptions.Item>
          <Descriptions.Item label={t('filingPolicy.plannedFees')}>
            {filing.levels
              .filter((l) => filing.plannedFeesFen?.[l] !== undefined)
              .map((l) => `${levelLabel(l, lang)} ${formatFen(filing.plannedFeesFen![l])}`)
              .join('；') || txt(undefined)}
          </Descriptions.Item>
          <Descriptions.Item label={t('filingPolicy.pledgeTitle')} span={2}>
            {filing.pledge ? (
              <Space orientation="vertical" size={0} data-testid="filing-pledge">
                <span>{t('filingPolicy.pledgedBy', { name: filing.pledge.name, at: formatDateTime(filing.pledge.at) })}</span>
                <Typography.Text type="secondary">{filing.pledge.text}</Typography.Text>
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('filingPolicy.notPledged')}</Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={step('plan')}>
        <Table
          size="small"
          pagination={false}
          rowKey="schoolMajorId"
          dataSource={s.plan.rows}
          data-testid="plan-view"
          columns={[
            { title: t('filings.certificate'), key: 'c', render: () => filing.certificateTypeName },
            { title: t('filings.levels'), key: 'l', render: () => levels },
            { title: t('filings.majorName'), key: 'm', render: (_, r) => `${r.majorName}（${r.majorCode}）` },
            { title: t('filings.enrolled'), dataIndex: 'enrolledStudents', align: 'right' },
            { title: t('filings.teachers'), dataIndex: 'fullTimeTeachers', align: 'right' },
            { title: t('filings.trainees'), dataIndex: 'plannedTrainees', align: 'right' },
          ]}
        />
      </Card>
      <Card size="small" title={step('team')}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('filings.leaderTitle')}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('filings.name')}>{txt(leader.name)}</Descriptions.Item>
          <Descriptions.Item label={t('filings.title')}>{txt(leader.title)}</Descriptions.Item>
          <Descriptions.Item label={t('filings.post')}>{txt(leader.post)}</Descriptions.Item>
          <Descriptions.Item label={t('filings.yearsOfWork')}>{txt(leader.yearsOfWork)}</Descriptions.Item>
          <Descriptions.Item label={t('filings.achievements')} span={2}>
            {txt(leader.achievements)}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('filings.teamTitle')}
        </Typography.Title>
        <Table<Obj>
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={arr(o(s.team).members)}
          columns={[
            { title: t('filings.name'), dataIndex: 'name' },
            { title: t('filings.title'), dataIndex: 'title' },
            { title: t('filings.post'), dataIndex: 'post' },
            { title: t('filings.yearsOfWork'), dataIndex: 'yearsOfWork' },
            { title: t('filings.role'), dataIndex: 'role' },
          ]}
        />
      </Card>
      <Card size="small" title={step('overview')}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('filings.buildAchievements')}>{txt(overview.achievements)}</Descriptions.Item>
          <Descriptions.Item label={t('filings.teachersTitle')}>
            <div>
              {t('filings.fullTime')}：{txt(teachers.fullTime)}
            </div>
            <div>
              {t('filings.partTime')}：{txt(teachers.partTime)}
            </div>
            <div>
              {t('filings.seniorTitle')}：{txt(teachers.seniorTitle)}
            </div>
            <div>
              {t('filings.dualRatio')}：{txt(teachers.dualQualifiedRatio)}
            </div>
            <div>
              {t('filings.industryRatio')}：{txt(teachers.industryExpertRatio)}
            </div>
            <div>
              {t('filings.innovationTeam')}：{yesNo(teachers.nationalInnovationTeam)}
            </div>
          </Descriptions.Item>
          <Descriptions.Item label={t('filings.facilitiesTitle')}>
            <div>{t('filings.trainingRooms')}：</div>
            {arr(facilities.trainingRooms).map((r, i) => (
              <div key={i}>
                · {String(r.name ?? '')}，{String(r.areaM2 ?? '')} ㎡，{t('filings.workstations')} {String(r.workstations ?? '')}
              </div>
            ))}
            <div>
              {t('filings.offCampus')}：
              {arr(facilities.offCampusBases)
                .map((b) => String(b.name ?? ''))
                .join('、') || '—'}
            </div>
            <div>
              {t('filings.lastYearUsage')}：{txt(facilities.lastYearUsage)}
            </div>
            {facilities.notes ? <div>{String(facilities.notes)}</div> : null}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={step('opinions')}>
        <Descriptions size="small" column={1} bordered>
          {(['declaringUnit', 'competentDepartment'] as const).map((k) => {
            const op = o(opinions[k]);
            return (
              <Descriptions.Item key={k} label={k === 'declaringUnit' ? t('filings.declaringOpinion') : t('filings.competentOpinion')}>
                <div>{txt(op.text)}</div>
                <Typography.Text type="secondary">
                  {t('filings.signer')}：{String(op.signer ?? '—')} {String(op.date ?? '')}
                </Typography.Text>
              </Descriptions.Item>
            );
          })}
        </Descriptions>
      </Card>
      <Card size="small" title={step('feasibility')}>
        {s.feasibility ? (
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('filings.projectName')}>{`${filing.certificateTypeName}（${levels}）`}</Descriptions.Item>
            <Descriptions.Item label={t('filings.reportLeader')}>{txt(feas.leaderName)}</Descriptions.Item>
            <Descriptions.Item label={t('filings.fundingSource')}>{txt(feas.fundingSource)}</Descriptions.Item>
            <Descriptions.Item label={t('filings.responsibleDept')}>{txt(feas.responsibleDepartment)}</Descriptions.Item>
            <Descriptions.Item label={t('filings.reportDate')}>{txt(feas.date)}</Descriptions.Item>
            <Descriptions.Item label={t('filings.reportPlace')}>{txt(feas.place)}</Descriptions.Item>
            <Descriptions.Item label={t('filings.reportMajors')} span={2}>
              {arr(feas.majors).map((m, i) => (
                <div key={i}>
                  {t('filings.majorN', { n: ['一', '二', '三'][i] ?? i + 1 })}：{String(m.name ?? '')}，{String(m.headcount ?? '')}
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('filings.expertsTitle')} span={2}>
              {arr(feas.experts).map((e, i) => (
                <div key={i}>
                  {String(e.name ?? '')} {String(e.unit ?? '')} {String(e.titleOrPost ?? '')}
                  <Tag color={e.signed ? 'green' : 'default'}>{e.signed ? t('filings.signedYes') : t('filings.signedNo')}</Tag>
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('filings.conclusion')} span={2}>
              {txt(feas.conclusion)}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
      <Card size="small" title={step('courseSupport')}>
        <Table<Obj>
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={arr(o(s.courseSupport).courses)}
          columns={[
            { title: t('filings.courseName'), dataIndex: 'name' },
            { title: t('filings.courseMajor'), key: 'm', render: (_, r) => majorName(r.schoolMajorId) },
            { title: t('filings.credits'), dataIndex: 'credits' },
            { title: t('filings.hours'), dataIndex: 'hours' },
            { title: t('filings.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
    </Space>
  );
}
