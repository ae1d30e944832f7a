import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  COURSE_CATEGORIES,
  COURSE_CATEGORY_LABELS,
  type CourseCategory,
  type RecognitionRuleDto,
  RULE_SHAPE_LABELS,
  RULE_STATUSES,
  RULE_STATUS_LABELS,
  type RuleStatus,
} from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useSchoolMajors } from '../../../lib/schools';
import {
  type RuleQuery,
  useCourses,
  useOutcomes,
  useRulePreview,
  useRules,
  useRuleTransition,
  useSaveRule,
  useSaveSettings,
  useSettings,
} from '../api';
import { CODE_PATTERN, formatCredits, isoDay } from '../credit-helpers';
import { ItemsTable, LearnerPicker } from './bits';
import { ProvinceRulesView } from './ProvinceRulesView';
import { RuleCodeCell, RuleCourseLines, RuleStatusTag } from './rule-bits';
import { ExportButton } from '../../../components/ExportButton';

/** 认定规则 (R7.2): the school administrator manages its rules; the province administrator reads its schools' rules. */
export function RecognitionRulesPage() {
  const me = useUser();
  return me.role === 'province_admin' ? <ProvinceRulesView /> : <SchoolRulesView />;
}

/** The school's rules per major (create, publish, withdraw, preview) and its caps and exclusions. */
function SchoolRulesView() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useUser();
  const majors = useSchoolMajors(me.scope.schoolId ?? '');
  const [query, setQuery] = useState<RuleQuery>({ page: 1, pageSize: 20 });
  const rules = useRules(query);
  const transition = useRuleTransition();
  const [editing, setEditing] = useState<RecognitionRuleDto | 'new' | null>(null);
  const [previewing, setPreviewing] = useState<RecognitionRuleDto | null>(null);
  const [withdrawing, setWithdrawing] = useState<RecognitionRuleDto | null>(null);
  const [reason, setReason] = useState('');

  const act = (r: RecognitionRuleDto, action: 'publish' | 'withdraw', comment?: string) =>
    transition.mutate(
      { id: r.id, action, comment },
      {
        onSuccess: () => {
          void message.success(t('common.savedOk'));
          setWithdrawing(null);
          setReason('');
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={3}>{t('creditBank.rulesTitle')}</Typography.Title>
          <Space>
            <ExportButton path="/recognition-rules" query={query} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-new">
              {t('creditBank.newRule')}
            </Button>
          </Space>
        </div>
        <Typography.Paragraph type="secondary">{t('creditBank.rulesIntro')}</Typography.Paragraph>
        <div className="filter-bar">
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('creditBank.ruleMajor')}
            value={query.schoolMajorId}
            onChange={(v) => setQuery((q) => ({ ...q, page: 1, schoolMajorId: v ?? undefined }))}
            options={(majors.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          />
          <Select<RuleStatus>
            allowClear
            style={{ width: 140 }}
            placeholder={t('creditBank.status')}
            value={query.status}
            onChange={(v) => setQuery((q) => ({ ...q, page: 1, status: v ?? undefined }))}
            options={RULE_STATUSES.map((s) => ({ value: s, label: pickLabel(RULE_STATUS_LABELS, s, lang) }))}
          />
        </div>
        {rules.isError && <Alert type="error" showIcon title={errorText(rules.error)} />}
        <Table<RecognitionRuleDto>
          rowKey="id"
          size="middle"
          loading={rules.isFetching}
          dataSource={rules.data?.items ?? []}
          data-testid="rules-table"
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: rules.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
          columns={[
            {
              title: t('creditBank.ruleCode'),
              key: 'code',
              width: 220,
              render: (_, r) => <RuleCodeCell rule={r} />,
            },
            { title: t('creditBank.ruleMajor'), key: 'major', width: 140, render: (_, r) => r.major.name },
            { title: t('creditBank.shape'), key: 'shape', width: 120, render: (_, r) => pickLabel(RULE_SHAPE_LABELS, r.shape, lang) },
            { title: t('creditBank.ruleOutcomes'), key: 'outcomes', render: (_, r) => r.outcomes.map((o) => o.name).join('、') },
            {
              title: t('creditBank.ruleCourses'),
              key: 'courses',
              render: (_, r) => <RuleCourseLines rule={r} />,
            },
            {
              title: t('creditBank.status'),
              key: 'status',
              width: 90,
              render: (_, r) => <RuleStatusTag status={r.status} />,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 190,
              render: (_, r) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setPreviewing(r)} data-testid={`rule-preview-${r.code}`}>
                    {t('creditBank.preview')}
                  </Button>
                  {r.mayEdit && (
                    <Button type="link" size="small" onClick={() => setEditing(r)}>
                      {t('creditBank.editRule')}
                    </Button>
                  )}
                  {r.allowedActions.includes('publish') && (
                    <Button type="link" size="small" onClick={() => act(r, 'publish')} data-testid={`rule-publish-${r.code}`}>
                      {t('creditBank.publish')}
                    </Button>
                  )}
                  {r.allowedActions.includes('withdraw') && (
                    <Button type="link" size="small" danger onClick={() => setWithdrawing(r)}>
                      {t('creditBank.withdrawRule')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <SettingsCard />
      <RuleEditor rule={editing} onClose={() => setEditing(null)} />
      <RulePreviewModal rule={previewing} onClose={() => setPreviewing(null)} />
      <Modal
        open={!!withdrawing}
        title={t('creditBank.withdrawRule')}
        onCancel={() => setWithdrawing(null)}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: transition.isPending }}
        onOk={() => withdrawing && act(withdrawing, 'withdraw', reason.trim())}
        destroyOnHidden
      >
        <Typography.Paragraph>{withdrawing?.code}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          placeholder={t('creditBank.withdrawReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
      </Modal>
    </Space>
  );
}

/** The server's limit on a rule: at most 10 outcomes and 10 courses. */
const MAX_RULE_ITEMS = 10;

interface RuleValues {
  schoolMajorId: string;
  code: string;
  name: string;
  outcomeIds: string[];
  courses: { courseId: string; credits: number; grade: string }[];
  validFrom?: dayjs.Dayjs | null;
  validTo?: dayjs.Dayjs | null;
  maxOutcomeAgeYears?: number | null;
  basis?: string;
  note?: string;
}

function RuleEditor({ rule, onClose }: { rule: RecognitionRuleDto | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const me = useUser();
  const majors = useSchoolMajors(me.scope.schoolId ?? '');
  const outcomes = useOutcomes({ page: 1, pageSize: 200 });
  const [form] = Form.useForm<RuleValues>();
  const majorId = Form.useWatch('schoolMajorId', form);
  const courses = useCourses(majorId);
  const save = useSaveRule();

  useEffect(() => {
    if (!rule) return;
    form.resetFields();
    if (rule !== 'new')
      form.setFieldsValue({
        schoolMajorId: rule.major.id,
        code: rule.code,
        name: rule.name,
        outcomeIds: rule.outcomes.map((o) => o.id),
        courses: rule.courses.map((c) => ({ courseId: c.id, credits: c.credits, grade: c.grade })),
        validFrom: rule.validFrom ? dayjs(rule.validFrom) : null,
        validTo: rule.validTo ? dayjs(rule.validTo) : null,
        maxOutcomeAgeYears: rule.maxOutcomeAgeYears,
        basis: rule.basis ?? undefined,
        note: rule.note ?? undefined,
      });
    else form.setFieldsValue({ courses: [{ courseId: undefined as never, credits: 2, grade: '优秀' }] });
  }, [rule, form]);

  const submit = (v: RuleValues) =>
    save.mutate(
      {
        id: rule && rule !== 'new' ? rule.id : undefined,
        body: {
          schoolMajorId: v.schoolMajorId,
          code: v.code.trim(),
          name: v.name.trim(),
          outcomeIds: v.outcomeIds,
          courses: v.courses.map((c) => ({ courseId: c.courseId, credits: c.credits, grade: c.grade.trim() })),
          validFrom: isoDay(v.validFrom),
          validTo: isoDay(v.validTo),
          maxOutcomeAgeYears: v.maxOutcomeAgeYears ?? null,
          basis: v.basis?.trim() || null,
          note: v.note?.trim() || null,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('common.savedOk'));
          onClose();
        },
        onError: (err) => {
          if (!showFieldErrors(form, err, { RULE_CODE_TAKEN: 'code' })) void message.error(errorText(err));
        },
      },
    );

  return (
    <Drawer
      open={!!rule}
      size={720}
      title={rule === 'new' ? t('creditBank.newRule') : t('creditBank.editRule')}
      onClose={onClose}
      destroyOnHidden
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="rule-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<RuleValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="schoolMajorId" label={t('creditBank.ruleMajor')} rules={[{ required: true }]}>
          <Select options={(majors.data ?? []).map((m) => ({ value: m.id, label: m.name }))} data-testid="rule-major" />
        </Form.Item>
        <Space>
          <Form.Item
            name="code"
            label={t('creditBank.ruleCode')}
            rules={[
              { required: true, whitespace: true },
              { pattern: CODE_PATTERN, message: t('creditBank.codeFormat') },
            ]}
          >
            <Input maxLength={30} style={{ width: 180 }} data-testid="rule-code" />
          </Form.Item>
          <Form.Item name="name" label={t('creditBank.ruleName')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} style={{ width: 440 }} data-testid="rule-name" />
          </Form.Item>
        </Space>
        <Form.Item name="outcomeIds" label={t('creditBank.ruleOutcomes')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select
            mode="multiple"
            maxCount={MAX_RULE_ITEMS}
            showSearch
            optionFilterProp="label"
            loading={outcomes.isLoading}
            data-testid="rule-outcomes"
            options={(outcomes.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.List name="courses">
          {(fields, { add, remove }) => (
            <Form.Item label={t('creditBank.ruleCourses')} required>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'courseId']}
                    rules={[
                      { required: true, message: t('creditBank.ruleCourseRequired') },
                      ({ getFieldValue }) => ({
                        validator: async (_, id: string | undefined) => {
                          const chosen = ((getFieldValue('courses') ?? []) as ({ courseId?: string } | undefined)[]).filter(
                            (c) => c?.courseId === id,
                          );
                          if (id && chosen.length > 1) throw new Error(t('creditBank.ruleCourseDuplicate'));
                        },
                      }),
                    ]}
                  >
                    <Select
                      style={{ width: 320 }}
                      showSearch
                      optionFilterProp="label"
                      placeholder={t('creditBank.course')}
                      data-testid={`rule-course-${f.name}`}
                      options={(courses.data ?? []).map((c) => ({
                        value: c.id,
                        label: `${c.code} ${c.name}（${pickLabel(COURSE_CATEGORY_LABELS, c.category, lang)} · ${formatCredits(c.credits)}）`,
                        disabled: c.excluded,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'credits']} rules={[{ required: true, message: t('creditBank.ruleCreditsRequired') }]}>
                    <InputNumber<number> min={0.5} max={30} step={0.5} precision={1} placeholder={t('creditBank.ruleGrantCredits')} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'grade']}
                    rules={[{ required: true, whitespace: true, message: t('creditBank.ruleGradeRequired') }]}
                  >
                    <Input maxLength={20} style={{ width: 120 }} placeholder={t('creditBank.grade')} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_RULE_ITEMS}
                onClick={() => add({ credits: 2, grade: '优秀' })}
              >
                {t('creditBank.addCourseRow')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Space wrap>
          <Form.Item name="validFrom" label={t('creditBank.validFrom')}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="validTo"
            label={t('creditBank.validTo')}
            dependencies={['validFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, to: dayjs.Dayjs | null | undefined) => {
                  const from = getFieldValue('validFrom') as dayjs.Dayjs | null | undefined;
                  if (from && to && to.isBefore(from, 'day')) throw new Error(t('creditBank.validToBeforeFrom'));
                },
              }),
            ]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="maxOutcomeAgeYears" label={t('creditBank.maxAge')}>
            <InputNumber<number> min={1} max={20} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="basis" label={t('creditBank.basis')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('creditBank.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function RulePreviewModal({ rule, onClose }: { rule: RecognitionRuleDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [learnerId, setLearnerId] = useState<string | null>(null);
  const preview = useRulePreview(rule?.id ?? null, learnerId);
  return (
    <Modal
      open={!!rule}
      title={t('creditBank.previewRuleTitle', { code: rule?.code ?? '' })}
      onCancel={() => {
        setLearnerId(null);
        onClose();
      }}
      footer={null}
      width={960}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <LearnerPicker value={learnerId} onChange={setLearnerId} width={360} testId="rule-preview-learner" />
        {preview.isFetching && <Spin />}
        {preview.isError && <Alert type="error" showIcon title={errorText(preview.error)} />}
        {preview.data &&
          (preview.data.items.length ? (
            <ItemsTable items={preview.data.items} testId="rule-preview-items" />
          ) : (
            <Empty description={t('creditBank.previewEmpty')} />
          ))}
      </Space>
    </Modal>
  );
}

interface SettingsValues {
  professionalCapPercent: number;
  publicCapPercent: number;
  excludedCategories: CourseCategory[];
  basis?: string;
}

function SettingsCard() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const settings = useSettings();
  const save = useSaveSettings();
  const [form] = Form.useForm<SettingsValues>();
  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({
        professionalCapPercent: settings.data.professionalCapPercent,
        publicCapPercent: settings.data.publicCapPercent,
        excludedCategories: settings.data.excludedCategories,
        basis: settings.data.basis ?? undefined,
      });
  }, [settings.data, form]);
  return (
    <Card title={t('creditBank.settingsTitle')} data-testid="settings-card">
      {settings.data?.isDefault && <Alert type="info" showIcon title={t('creditBank.settingsDefault')} style={{ marginBottom: 16 }} />}
      <Form<SettingsValues>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate(
            { ...v, basis: v.basis?.trim() || null },
            { onSuccess: () => void message.success(t('common.savedOk')), onError: (err) => void message.error(errorText(err)) },
          )
        }
      >
        <Space wrap>
          <Form.Item name="professionalCapPercent" label={t('creditBank.professionalCap')} rules={[{ required: true }]}>
            <InputNumber<number> min={0} max={100} precision={2} />
          </Form.Item>
          <Form.Item name="publicCapPercent" label={t('creditBank.publicCap')} rules={[{ required: true }]}>
            <InputNumber<number> min={0} max={100} precision={2} />
          </Form.Item>
          <Form.Item name="excludedCategories" label={t('creditBank.excludedCategories')}>
            <Select
              mode="multiple"
              style={{ minWidth: 320 }}
              options={COURSE_CATEGORIES.map((k) => ({ value: k, label: pickLabel(COURSE_CATEGORY_LABELS, k, lang) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="basis" label={t('creditBank.basis')}>
          <Input maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
          {t('common.save')}
        </Button>
      </Form>
      {!!settings.data?.programmes.length && (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(p) => p.major.id}
          pagination={false}
          title={() => t('creditBank.programmes')}
          dataSource={settings.data.programmes}
          columns={[
            { title: t('creditBank.ruleMajor'), key: 'major', render: (_, p) => p.major.name },
            {
              title: t('creditBank.professionalCredits'),
              key: 'p',
              align: 'right',
              render: (_, p) => formatCredits(p.professionalCredits),
            },
            { title: t('creditBank.publicCredits'), key: 'g', align: 'right', render: (_, p) => formatCredits(p.publicCredits) },
          ]}
        />
      )}
    </Card>
  );
}
