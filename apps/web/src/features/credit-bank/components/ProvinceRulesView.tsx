import { type RecognitionRuleDto, RULE_STATUSES, RULE_STATUS_LABELS, type RuleStatus } from '@onex/shared';
import { Alert, Button, Card, Drawer, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useSchools } from '../../../lib/schools';
import { type RuleQuery, useRule, useRules } from '../api';
import { formatCredits, ruleCredits, withSelectedOption } from '../credit-helpers';
import { RuleCodeCell, RuleCourseLines, RuleDetails, RuleStatusTag } from './rule-bits';
import { ExportButton } from '../../../components/ExportButton';

interface SchoolOption {
  value: string;
  label: string;
}

/**
 * 认定规则 for the province (R7.2 supervision): the rules of its schools, read-only — filters by school and status, and
 * one rule's details. Writing, publishing and withdrawing rules, previews and caps stay with the school.
 */
export function ProvinceRulesView() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [query, setQuery] = useState<RuleQuery>({ page: 1, pageSize: 20 });
  const [school, setSchool] = useState<SchoolOption | null>(null);
  const [schoolSearch, setSchoolSearch] = useState('');
  // The server lists the schools of the administrator's province only.
  const schools = useSchools({ page: 1, pageSize: 50, status: 'approved', q: schoolSearch.trim() || undefined });
  const rules = useRules(query);
  const [viewing, setViewing] = useState<string | null>(null);

  const schoolOptions = withSelectedOption(
    (schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
    school,
  );

  return (
    <Card>
      <div className="page-header">
        <Space align="baseline">
          <Typography.Title level={3}>{t('creditBank.rulesTitle')}</Typography.Title>
          <Tag>{t('creditBank.readOnly')}</Tag>
        </Space>
        <ExportButton path="/recognition-rules" query={query} />
      </div>
      <Typography.Paragraph type="secondary">{t('creditBank.provinceRulesIntro')}</Typography.Paragraph>
      <div className="filter-bar">
        <Select<string, SchoolOption>
          allowClear
          showSearch
          filterOption={false}
          onSearch={setSchoolSearch}
          loading={schools.isFetching}
          style={{ width: 280 }}
          placeholder={t('creditBank.ruleSchoolPick')}
          value={school?.value}
          options={schoolOptions}
          data-testid="rules-school"
          onChange={(v, option) => {
            setSchool(v && option && !Array.isArray(option) ? { value: option.value, label: option.label } : null);
            setSchoolSearch('');
            setQuery((q) => ({ ...q, page: 1, schoolId: v ?? undefined }));
          }}
        />
        <Select<RuleStatus>
          allowClear
          style={{ width: 140 }}
          placeholder={t('creditBank.status')}
          value={query.status}
          data-testid="rules-status"
          onChange={(v) => setQuery((q) => ({ ...q, page: 1, status: v ?? undefined }))}
          options={RULE_STATUSES.map((s) => ({ value: s, label: pickLabel(RULE_STATUS_LABELS, s, lang) }))}
        />
      </div>
      {rules.isError && <Alert type="error" showIcon title={errorText(rules.error)} style={{ marginBottom: 16 }} />}
      <Table<RecognitionRuleDto>
        rowKey="id"
        size="middle"
        loading={rules.isFetching}
        dataSource={rules.data?.items ?? []}
        data-testid="province-rules-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: rules.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
        columns={[
          { title: t('creditBank.ruleSchool'), key: 'school', width: 180, render: (_, r) => r.school.name },
          {
            title: t('creditBank.ruleCode'),
            key: 'code',
            width: 220,
            render: (_, r) => <RuleCodeCell rule={r} />,
          },
          { title: t('creditBank.ruleMajor'), key: 'major', width: 140, render: (_, r) => r.major.name },
          { title: t('creditBank.ruleOutcomes'), key: 'outcomes', render: (_, r) => r.outcomes.map((o) => o.name).join('、') },
          { title: t('creditBank.ruleCourses'), key: 'courses', render: (_, r) => <RuleCourseLines rule={r} /> },
          {
            title: t('creditBank.ruleGrantCredits'),
            key: 'credits',
            width: 90,
            align: 'right',
            render: (_, r) => formatCredits(ruleCredits(r.courses)),
          },
          { title: t('creditBank.status'), key: 'status', width: 90, render: (_, r) => <RuleStatusTag status={r.status} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_, r) => (
              <Button type="link" size="small" onClick={() => setViewing(r.id)} data-testid={`rule-view-${r.code}`}>
                {t('creditBank.view')}
              </Button>
            ),
          },
        ]}
      />
      <RuleDrawer id={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}

/** One rule, read from the server (GET /recognition-rules/:id), with nothing to change. */
function RuleDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const rule = useRule(id);
  return (
    <Drawer
      open={!!id}
      size={720}
      title={rule.data ? t('creditBank.ruleDetailTitle', { code: rule.data.code }) : t('creditBank.rulesTitle')}
      onClose={onClose}
      destroyOnHidden
    >
      {rule.isLoading && <Spin />}
      {rule.isError && <Alert type="error" showIcon title={errorText(rule.error)} />}
      {rule.data && <RuleDetails rule={rule.data} />}
    </Drawer>
  );
}
