/** Display bits of a recognition rule (认定规则, R7.2), shared by the school's page and the province's read-only view. */
import { COURSE_CATEGORY_LABELS, type RecognitionRuleDto, RULE_SHAPE_LABELS, RULE_STATUS_LABELS, type RuleStatus } from '@onex/shared';
import { Descriptions, type DescriptionsProps, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { formatCredits, ruleCredits } from '../credit-helpers';

const RULE_STATUS_COLORS: Record<RuleStatus, string> = { draft: 'default', published: 'green', withdrawn: 'red' };

/** A rule's code with its name beneath (the first column of both rule tables). */
export function RuleCodeCell({ rule }: { rule: Pick<RecognitionRuleDto, 'code' | 'name'> }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{rule.code}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {rule.name}
      </Typography.Text>
    </Space>
  );
}

export function RuleStatusTag({ status }: { status: RuleStatus }) {
  const { lang } = useLang();
  return <Tag color={RULE_STATUS_COLORS[status]}>{pickLabel(RULE_STATUS_LABELS, status, lang)}</Tag>;
}

/** The courses a rule converts to, one a line: `name（credits 学分 · grade）`. */
export function RuleCourseLines({ rule }: { rule: RecognitionRuleDto }) {
  const { t } = useTranslation();
  return rule.courses.map((c) => (
    <div key={c.id}>
      {c.name}（{formatCredits(c.credits)} {t('creditBank.credits')} · {c.grade}）
    </div>
  ));
}

type RuleCourse = RecognitionRuleDto['courses'][number];

/** One rule, read-only: school, major, outcomes, validity and basis, then the courses it grants with their credits. */
export function RuleDetails({ rule }: { rule: RecognitionRuleDto }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const none = t('common.none');
  const noLimit = t('creditBank.noLimit');
  const items: DescriptionsProps['items'] = [
    { key: 'code', label: t('creditBank.ruleCode'), children: rule.code },
    { key: 'name', label: t('creditBank.ruleName'), children: rule.name },
    { key: 'school', label: t('creditBank.ruleSchool'), children: rule.school.name },
    { key: 'major', label: t('creditBank.ruleMajor'), children: rule.major.name },
    { key: 'status', label: t('creditBank.status'), children: <RuleStatusTag status={rule.status} /> },
    { key: 'shape', label: t('creditBank.shape'), children: pickLabel(RULE_SHAPE_LABELS, rule.shape, lang) },
    {
      key: 'outcomes',
      label: t('creditBank.ruleOutcomes'),
      children: rule.outcomes.map((o) => <div key={o.id}>{o.name}</div>),
    },
    {
      key: 'credits',
      label: t('creditBank.ruleGrantCredits'),
      children: t('creditBank.creditsValue', { v: formatCredits(ruleCredits(rule.courses)) }),
    },
    { key: 'validity', label: t('creditBank.ruleValidity'), children: `${rule.validFrom ?? noLimit} ~ ${rule.validTo ?? noLimit}` },
    { key: 'maxAge', label: t('creditBank.maxAge'), children: rule.maxOutcomeAgeYears ?? noLimit },
    { key: 'basis', label: t('creditBank.basis'), children: rule.basis ?? none },
    { key: 'note', label: t('creditBank.note'), children: rule.note ?? none },
    { key: 'publishedAt', label: t('creditBank.publishedAt'), children: formatDateTime(rule.publishedAt) || none },
    ...(rule.withdrawnAt ? [{ key: 'withdrawnAt', label: t('creditBank.withdrawnAt'), children: formatDateTime(rule.withdrawnAt) }] : []),
  ];
  return (
    <>
      <Descriptions size="small" column={1} bordered items={items} data-testid="rule-details" />
      <Table<RuleCourse>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        pagination={false}
        title={() => t('creditBank.ruleCourses')}
        dataSource={rule.courses}
        data-testid="rule-details-courses"
        columns={[
          { title: t('creditBank.courseCode'), dataIndex: 'code', key: 'code', width: 90 },
          { title: t('creditBank.courseName'), dataIndex: 'name', key: 'name' },
          {
            title: t('creditBank.category'),
            key: 'category',
            width: 110,
            render: (_, c) => pickLabel(COURSE_CATEGORY_LABELS, c.category, lang),
          },
          {
            title: t('creditBank.courseCredits'),
            key: 'courseCredits',
            width: 90,
            align: 'right',
            render: (_, c) => formatCredits(c.courseCredits),
          },
          {
            title: t('creditBank.ruleGrantCredits'),
            key: 'credits',
            width: 90,
            align: 'right',
            render: (_, c) => formatCredits(c.credits),
          },
          { title: t('creditBank.convertedGrade'), dataIndex: 'grade', key: 'grade', width: 90 },
        ]}
      />
    </>
  );
}
