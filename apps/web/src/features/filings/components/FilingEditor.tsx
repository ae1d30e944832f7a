import {
  FILING_SECTION_LABELS,
  missingFilingFields,
  warningFailures,
  type FilingDetailDto,
  type FilingRoundDto,
  type FilingSection,
} from '@onex/shared';
import { ReloadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Steps,
  Typography,
} from 'antd';
import type { StepsProps } from 'antd';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../lib/session';
import { levelLabel } from '../../../lib/catalog';
import { useDepartments } from '../../../lib/schools';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useEffectivePolicies } from '../../../lib/policies';
import { ApiError } from '../../../lib/api';
import { useFilingTransition, useRuleReport, useSaveSection } from '../api';
import { FILING_STEPS, cleanDraft, missingByStep, numberedStep, savedAt, sectionsOfStep, type MissingEntry } from '../filing-helpers';
import '../locales';
import { AttachmentsTable, RuleReportTable } from './bits';
import { PlanFields, type PlanRow } from './PlanFields';
import { CourseFields, FeasibilityFields, LeaderFields, OpinionsFields, OverviewFields, TeamFields } from './fields';

function initialValues(f: FilingDetailDto) {
  return {
    basics: {
      levels: f.levels,
      departmentId: f.departmentId,
      plannedFeesYuan: Object.fromEntries(Object.entries(f.plannedFeesFen ?? {}).map(([l, fen]) => [l, fen / 100])),
    },
    leader: f.sections.leader ?? {},
    team: f.sections.team ?? { members: [{}] },
    plan: { rows: f.sections.plan.rows },
    overview: f.sections.overview ?? {},
    courseSupport: f.sections.courseSupport ?? { courses: [{}] },
    feasibility: f.sections.feasibility ?? { majors: [{}], experts: [{ signed: false }, { signed: false }, { signed: false }] },
    opinions: f.sections.opinions ?? {},
  };
}

/** The icon of an incomplete step: the number of its missing fields in an orange circle (no ✓). */
const MISSING_ICON: CSSProperties = {
  display: 'inline-block',
  width: 24,
  height: 24,
  lineHeight: '24px',
  borderRadius: 12,
  background: '#fa8c16',
  color: '#fff',
  fontSize: 12,
  textAlign: 'center',
};

/** The body of one section as the server takes it. */
function sectionBody(section: FilingSection, values: Record<string, unknown>): unknown {
  const v = values[section] as Record<string, unknown> | undefined;
  if (section === 'basics') {
    const levels = (v?.levels as string[] | undefined) ?? [];
    const yuan = (v?.plannedFeesYuan ?? {}) as Record<string, number | null | undefined>;
    // R3.5: the planned fee per level, in fen; a level without one is left out.
    const plannedFeesFen = Object.fromEntries(
      levels.filter((l) => typeof yuan[l] === 'number').map((l) => [l, Math.round(yuan[l]! * 100)]),
    );
    return { levels, departmentId: v?.departmentId, plannedFeesFen };
  }
  if (section === 'plan')
    return {
      rows: ((v?.rows as PlanRow[] | undefined) ?? []).map((r) => ({
        schoolMajorId: r.schoolMajorId,
        enrolledStudents: r.enrolledStudents ?? 0,
        fullTimeTeachers: r.fullTimeTeachers ?? 0,
        plannedTrainees: r.plannedTrainees ?? 0,
      })),
    };
  const body = (cleanDraft(v) ?? {}) as Record<string, unknown>;
  // An expert row with nothing but the unticked 签字 box is an empty row (the form starts with three of them).
  if (section === 'feasibility' && Array.isArray(body.experts))
    body.experts = (body.experts as Record<string, unknown>[]).filter((e) => Object.keys(e).some((k) => k !== 'signed'));
  return body;
}

/** A validation failure's field messages as lines (`body.members.0.name: …`). */
function detailLines(err: unknown): string[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details.fields)) return [];
  return (err.details.fields as { path?: string; message?: string }[]).map(
    (f) => `${(f.path ?? '').replace(/^body\.?/, '')}：${f.message ?? ''}`,
  );
}

/** 备案表 + 论证报告 as a multi-step form in the order of the paper form; each step saved as it goes. */
export function FilingEditor({ filing, round }: { filing: FilingDetailDto; round: FilingRoundDto | undefined }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const user = useUser();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const [current, setCurrent] = useState(0);
  const [lastSaved, setLastSaved] = useState<Date | null>(null);
  const [saving, setSaving] = useState(false);
  const [reasons, setReasons] = useState<Record<string, string>>(filing.warningReasons);
  const [pledged, setPledged] = useState(false);
  const policies = useEffectivePolicies({ schoolId: filing.schoolId });
  const pledgeText = policies.data?.texts.authenticity_pledge?.zh ?? t('filingPolicy.pledgeFallback');
  const save = useSaveSection(filing.id);
  const submit = useFilingTransition(filing.id);
  const step = FILING_STEPS[current]!;
  const report = useRuleReport(filing.id, step === 'submit');
  const departments = useDepartments(filing.schoolId);
  const init = useMemo(() => initialValues(filing), [filing.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const planRows = (Form.useWatch(['plan', 'rows'], { form, preserve: true }) as PlanRow[] | undefined) ?? init.plan.rows;
  const levels = (Form.useWatch(['basics', 'levels'], { form, preserve: true }) as string[] | undefined) ?? filing.levels;
  const projectName = `${filing.certificateTypeName}（${levels.map((l) => levelLabel(l, lang)).join('、')}）`;
  const ownDepartment = user.role === 'department_admin';
  // Every value of the form, also of the steps not shown (preserve), including rows set by code (PlanFields).
  const watched = Form.useWatch((v: Record<string, unknown>) => v, { form, preserve: true }) as Record<string, unknown> | undefined;
  const values = watched ?? init;
  const [focusPath, setFocusPath] = useState<(string | number)[] | null>(null);

  /** R3.4/R3.5: the missing fields of what the form would save, by the server's own rule (shared). */
  const missing = useMemo(() => {
    const body = (s: FilingSection) => sectionBody(s, values) as Record<string, unknown>;
    const fields = missingFilingFields({
      levels: (body('basics').levels as string[] | undefined) ?? [],
      planRows: (body('plan').rows as unknown[] | undefined) ?? [],
      sections: {
        leader: body('leader'),
        team: body('team'),
        overview: body('overview'),
        opinions: body('opinions'),
        courseSupport: body('courseSupport'),
        feasibility: body('feasibility'),
      },
    });
    const present = new Set(filing.attachments.map((a) => a.kind));
    return missingByStep(
      fields,
      (round?.requiredAttachments ?? []).filter((k) => !present.has(k)),
    );
  }, [values, filing.attachments, round?.requiredAttachments]);
  const missingTotal = missing.reduce((n, g) => n + g.entries.length, 0);
  const missingIn = (index: number) => missing.find((g) => g.step === index)?.entries.length ?? 0;
  const titleOf = (index: number) => numberedStep(index, t(`filings.steps.${FILING_STEPS[index]!}`));

  // After a summary link opened a step, focus (and scroll to) the field once it is rendered.
  useEffect(() => {
    if (!focusPath) return;
    const id = window.setTimeout(() => {
      try {
        form.scrollToField(focusPath, { behavior: 'smooth', block: 'center', focus: true });
      } catch {
        // The field is not rendered (e.g. an empty list): the step itself is open.
      }
      setFocusPath(null);
    }, 0);
    return () => window.clearTimeout(id);
  }, [focusPath, current, form]);

  const saveStep = async (index: number): Promise<boolean> => {
    const sections = sectionsOfStep(index);
    if (!sections.length) return true;
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    setSaving(true);
    try {
      for (const s of sections) await save.mutateAsync({ section: s, body: sectionBody(s, values) });
      setLastSaved(new Date());
      return true;
    } catch (err) {
      const lines = detailLines(err);
      modal.error({
        title: t('filings.saveFailed'),
        content: (
          <div>
            <div>{errorText(err)}</div>
            {lines.map((l) => (
              <div key={l}>{l}</div>
            ))}
          </div>
        ),
      });
      return false;
    } finally {
      setSaving(false);
    }
  };

  const go = async (to: number): Promise<boolean> => {
    if (to === current) return true;
    if (!(await saveStep(current))) return false;
    setCurrent(to);
    return true;
  };

  const openEntry = async (e: MissingEntry) => {
    if ((await go(e.step)) && e.formPath) setFocusPath(e.formPath);
  };

  const stepItems: StepsProps['items'] = FILING_STEPS.map((s, i) => {
    const returned = sectionsOfStep(i).some((sec) => filing.returnComments[sec]);
    const n = missingIn(i);
    const done = s !== 'submit' && n === 0;
    return {
      title: titleOf(i),
      status: returned ? 'error' : done ? 'finish' : i === current ? 'process' : 'wait',
      ...(n > 0
        ? {
            icon: (
              <span style={MISSING_ICON} data-testid="step-missing-count">
                {n}
              </span>
            ),
            content: t('filingWizard.missingN', { n }),
          }
        : {}),
    };
  });

  const returnAlerts = (index: number) =>
    sectionsOfStep(index)
      .filter((s) => filing.returnComments[s])
      .map((s) => (
        <Alert
          key={s}
          type="warning"
          showIcon
          title={`${pickLabel(FILING_SECTION_LABELS, s, lang)} — ${t('filings.sectionComment', { comment: filing.returnComments[s] })}`}
          data-testid="return-comment"
        />
      ));

  const rep = report.data;
  const failedWarnings = rep ? warningFailures(rep.results) : [];
  const missingReasons = failedWarnings.filter((w) => !reasons[w.ruleId]?.trim());
  const canSubmit = filing.allowedActions.includes('submit');

  const doSubmit = () =>
    submit.mutate(
      {
        action: 'submit',
        pledge: pledged,
        warningReasons: Object.fromEntries(failedWarnings.map((w) => [w.ruleId, reasons[w.ruleId]!.trim()])),
      },
      {
        onSuccess: () => void message.success(t('filings.submittedOk')),
        onError: (err) => {
          void message.error(errorText(err));
          void report.refetch();
        },
      },
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {filing.status === 'returned' && <Alert type="warning" showIcon title={t('filings.returnedAlert')} />}
      <Row gutter={[24, 16]} align="top">
        <Col xs={24} lg={{ flex: '260px' }}>
          <Card size="small" title={t('filingWizard.stepList')}>
            <Steps
              current={current}
              orientation="vertical"
              size="small"
              onChange={(i) => void go(i)}
              items={stepItems}
              data-testid="filing-steps"
            />
          </Card>
        </Col>
        <Col xs={24} lg={{ flex: '1 1 0' }} style={{ minWidth: 0 }}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="step-title">
              {titleOf(current)}
            </Typography.Title>
            {missingTotal > 0 ? (
              <Alert
                type="warning"
                showIcon
                data-testid="missing-summary"
                title={t('filingWizard.incompleteTitle', { n: missingTotal })}
                description={
                  <div>
                    <Typography.Text type="secondary">{t('filingWizard.incompleteHint')}</Typography.Text>
                    {missing.map((g) => (
                      <div key={g.step} style={{ marginTop: 6 }} data-testid="missing-group">
                        <Typography.Text strong>{titleOf(g.step)}：</Typography.Text>
                        {g.entries.map((e, k) => (
                          <span key={k}>
                            {k > 0 && '、'}
                            <Typography.Link
                              onClick={() => void openEntry(e)}
                              data-testid="missing-link"
                              data-step={g.step}
                              data-field={e.formPath?.join('.') ?? ''}
                            >
                              {e.row ? `${t('filingWizard.row', { n: e.row })} ` : ''}
                              {lang === 'en-US' ? e.label.en : e.label.zh}
                            </Typography.Link>
                          </span>
                        ))}
                      </div>
                    ))}
                  </div>
                }
              />
            ) : (
              <Alert type="success" showIcon title={t('filingWizard.completeTitle')} data-testid="complete-summary" />
            )}
            <Form
              form={form}
              layout="vertical"
              initialValues={init}
              disabled={saving}
              style={sectionsOfStep(current).length ? undefined : { display: 'none' }}
              data-testid="filing-form"
            >
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                {returnAlerts(current)}
                {step === 'basics' && (
                  <>
                    <Card size="small" title={t('filings.basicsTitle')}>
                      <Row gutter={16}>
                        <Col xs={24} md={12}>
                          <Form.Item label={t('filings.certificate')}>
                            <Input value={filing.certificateTypeName} disabled />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={12}>
                          <Form.Item name={['basics', 'levels']} label={t('filings.levels')}>
                            <Select
                              mode="multiple"
                              options={(['junior', 'intermediate', 'senior'] as const).map((l) => ({
                                value: l,
                                label: levelLabel(l, lang),
                              }))}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={12}>
                          <Form.Item label={t('filings.declaringUnit')}>
                            <Input value={filing.schoolName} disabled />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={12}>
                          <Form.Item name={['basics', 'departmentId']} label={t('filings.department')}>
                            <Select
                              disabled={ownDepartment}
                              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                            />
                          </Form.Item>
                        </Col>
                        {levels.map((l) => (
                          <Col xs={24} md={8} key={l}>
                            <Form.Item
                              name={['basics', 'plannedFeesYuan', l]}
                              label={t('filingPolicy.plannedFee', { level: levelLabel(l, lang) })}
                              extra={policies.data ? t('filingPolicy.plannedFeeCap', { label: policies.data.feeCaps.label }) : undefined}
                            >
                              <InputNumber
                                min={0}
                                max={100000}
                                precision={2}
                                addonAfter="元"
                                style={{ width: '100%' }}
                                data-testid={`planned-fee-${l}`}
                              />
                            </Form.Item>
                          </Col>
                        ))}
                      </Row>
                    </Card>
                  </>
                )}
                {step === 'team' && (
                  <>
                    <LeaderFields />
                    <TeamFields />
                  </>
                )}
                {step === 'plan' && <PlanFields form={form} filing={filing} levels={levels} fallbackRows={init.plan.rows} />}
                {step === 'overview' && <OverviewFields />}
                {step === 'courseSupport' && (
                  <CourseFields majors={planRows.map((r) => ({ value: r.schoolMajorId, label: r.majorName }))} />
                )}
                {step === 'feasibility' && <FeasibilityFields projectName={projectName} />}
                {step === 'opinions' && <OpinionsFields />}
              </Space>
            </Form>
            {step === 'attachments' && (
              <Card size="small" title={t('filings.attachmentsTitle')}>
                <AttachmentsTable
                  filingId={filing.id}
                  attachments={filing.attachments}
                  required={round?.requiredAttachments ?? []}
                  editable={filing.allowedActions.includes('uploadAttachment')}
                />
              </Card>
            )}
            {step === 'submit' && (
              <Card
                size="small"
                title={t('filings.ruleReport')}
                extra={
                  <Space>
                    {rep && <Typography.Text type="secondary">{t('filings.checkedAt', { time: formatDateTime(rep.at) })}</Typography.Text>}
                    <Button size="small" icon={<ReloadOutlined />} onClick={() => void report.refetch()} loading={report.isFetching}>
                      {t('filings.recheck')}
                    </Button>
                  </Space>
                }
              >
                {report.isLoading && <Spin />}
                {report.error && <Alert type="error" showIcon title={errorText(report.error)} />}
                {rep && (
                  <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                    <RuleReportTable report={rep} reasons={reasons} onReason={(id, v) => setReasons((r) => ({ ...r, [id]: v }))} />
                    {rep.blocking > 0 && (
                      <Alert type="error" showIcon title={t('filings.blockedHint', { n: rep.blocking })} data-testid="blocked-hint" />
                    )}
                    {rep.blocking === 0 && missingReasons.length > 0 && <Alert type="warning" showIcon title={t('filings.reasonsHint')} />}
                    {!canSubmit && <Alert type="info" showIcon title={t('filings.onlySchoolSubmits')} />}
                    {canSubmit && (
                      <Checkbox checked={pledged} onChange={(e) => setPledged(e.target.checked)} data-testid="pledge-checkbox">
                        {pledgeText}
                      </Checkbox>
                    )}
                    <Popconfirm
                      title={t('filings.submitConfirm')}
                      onConfirm={doSubmit}
                      disabled={!canSubmit || !pledged || rep.blocking > 0 || missingReasons.length > 0}
                    >
                      <Button
                        type="primary"
                        icon={<SendOutlined />}
                        disabled={!canSubmit || !pledged || rep.blocking > 0 || missingReasons.length > 0}
                        loading={submit.isPending}
                        data-testid="submit-filing"
                      >
                        {t('filings.submit')}
                      </Button>
                    </Popconfirm>
                  </Space>
                )}
              </Card>
            )}
            <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
              <Space>
                <Button disabled={current === 0} onClick={() => void go(current - 1)} data-testid="step-prev">
                  {t('filings.prev')}
                </Button>
                {current < FILING_STEPS.length - 1 && (
                  <Button type="primary" onClick={() => void go(current + 1)} loading={saving} data-testid="step-next">
                    {t('filings.next')}
                  </Button>
                )}
              </Space>
              <Space>
                {lastSaved && (
                  <Typography.Text type="success" data-testid="saved-at">
                    {t('filings.savedAt', { time: savedAt(lastSaved) })}
                  </Typography.Text>
                )}
                {sectionsOfStep(current).length > 0 && (
                  <Button icon={<SaveOutlined />} onClick={() => void saveStep(current)} loading={saving} data-testid="step-save">
                    {t('filings.save')}
                  </Button>
                )}
              </Space>
            </Space>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
