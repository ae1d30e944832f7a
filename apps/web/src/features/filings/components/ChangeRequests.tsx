import {
  CHANGEABLE_SECTIONS,
  CHANGE_KIND_LABELS,
  CHANGE_REQUEST_STATUS_LABELS,
  FILING_SECTION_LABELS,
  type ChangeRequestDto,
  type ChangeableSection,
  type FilingDetailDto,
} from '@onex/shared';
import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../lib/session';
import { levelLabel } from '../../../lib/catalog';
import { ApiError } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { usePolicyText } from '../../../lib/policies';
import { useCreateChangeRequest, useDecideChangeRequest, useFilingChangeRequests } from '../api';
import {
  CHANGE_STATUS_COLORS,
  changeFormInitial,
  changeProblems,
  changeSectionsBody,
  pendingRequest,
  problemPathText,
  problemsFromServer,
  type ChangeProblem,
} from '../change-helpers';
import { CourseFields, FeasibilityFields, LeaderFields, OverviewFields, TeamFields } from './fields';
import { PlanFields } from './PlanFields';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const txt = (v: unknown): ReactNode =>
  v === undefined || v === null || v === '' ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <span style={{ whiteSpace: 'pre-wrap' }}>{String(v)}</span>
  );

/** The change-request rule in the words of the school's own documents (001 第七条 only at its school). */
function useFrozenHint(schoolId: string): string {
  const { t } = useTranslation();
  return usePolicyText('change_request_hint', t('changes.frozenHint'), { schoolId });
}

export function ChangeStatusTag({ status }: { status: ChangeRequestDto['status'] }) {
  const { lang } = useLang();
  return (
    <Tag color={CHANGE_STATUS_COLORS[status]} data-testid="change-status">
      {pickLabel(CHANGE_REQUEST_STATUS_LABELS, status, lang)}
    </Tag>
  );
}

/** The sections of a request as tags: 试点负责人, 一、申报计划 … */
export function ChangeSectionTags({ request }: { request: Pick<ChangeRequestDto, 'sections' | 'kinds'> }) {
  const { lang } = useLang();
  return (
    <Space size={[2, 4]} wrap>
      {request.kinds.map((k) => (
        <Tag key={k} color="blue">
          {pickLabel(CHANGE_KIND_LABELS, k, lang)}
        </Tag>
      ))}
      {request.sections.map((s) => (
        <Tag key={s}>{pickLabel(FILING_SECTION_LABELS, s, lang)}</Tag>
      ))}
    </Space>
  );
}

/** The proposed content of a request, section by section, with the labels of the filing form. */
function ProposedContent({ request, filing }: { request: ChangeRequestDto; filing: FilingDetailDto }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const majorName = (id: unknown) => filing.sections.plan.rows.find((r) => r.schoolMajorId === id)?.majorName ?? String(id ?? '');
  const block = (s: ChangeableSection, body: ReactNode) => (
    <div key={s}>
      <Typography.Text strong>{pickLabel(FILING_SECTION_LABELS, s, lang)}</Typography.Text>
      <div style={{ marginTop: 6 }}>{body}</div>
    </div>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="change-proposed">
      {request.sections.map((s) => {
        const v = o(request.proposed[s]);
        if (s === 'leader') {
          const current = o(filing.sections.leader);
          return block(
            s,
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('filings.name')}>
                {current.name && current.name !== v.name ? (
                  <span>
                    <Typography.Text delete type="secondary">
                      {String(current.name)}
                    </Typography.Text>{' '}
                    → <Typography.Text strong>{String(v.name ?? '')}</Typography.Text>
                  </span>
                ) : (
                  txt(v.name)
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('filings.title')}>{txt(v.title)}</Descriptions.Item>
              <Descriptions.Item label={t('filings.post')}>{txt(v.post)}</Descriptions.Item>
              <Descriptions.Item label={t('filings.yearsOfWork')}>{txt(v.yearsOfWork)}</Descriptions.Item>
              <Descriptions.Item label={t('filings.achievements')} span={2}>
                {txt(v.achievements)}
              </Descriptions.Item>
            </Descriptions>,
          );
        }
        if (s === 'plan')
          return block(
            s,
            <Table<Obj>
              size="small"
              pagination={false}
              rowKey={(_, i) => String(i)}
              dataSource={arr(v.rows)}
              columns={[
                { title: t('filings.majorName'), key: 'm', render: (_, r) => majorName(r.schoolMajorId) },
                { title: t('filings.enrolled'), dataIndex: 'enrolledStudents', align: 'right' },
                { title: t('filings.teachers'), dataIndex: 'fullTimeTeachers', align: 'right' },
                { title: t('filings.trainees'), dataIndex: 'plannedTrainees', align: 'right' },
              ]}
            />,
          );
        if (s === 'team')
          return block(
            s,
            <Table<Obj>
              size="small"
              pagination={false}
              rowKey={(_, i) => String(i)}
              dataSource={arr(v.members)}
              columns={[
                { title: t('filings.name'), dataIndex: 'name' },
                { title: t('filings.title'), dataIndex: 'title' },
                { title: t('filings.post'), dataIndex: 'post' },
                { title: t('filings.yearsOfWork'), dataIndex: 'yearsOfWork' },
                { title: t('filings.role'), dataIndex: 'role' },
              ]}
            />,
          );
        if (s === 'courseSupport')
          return block(
            s,
            <Table<Obj>
              size="small"
              pagination={false}
              rowKey={(_, i) => String(i)}
              dataSource={arr(v.courses)}
              columns={[
                { title: t('filings.courseName'), dataIndex: 'name' },
                { title: t('filings.courseMajor'), key: 'm', render: (_, r) => (r.schoolMajorId ? majorName(r.schoolMajorId) : '') },
                { title: t('filings.credits'), dataIndex: 'credits' },
                { title: t('filings.hours'), dataIndex: 'hours' },
                { title: t('filings.note'), dataIndex: 'note' },
              ]}
            />,
          );
        if (s === 'overview') {
          const teachers = o(v.teachers);
          const facilities = o(v.facilities);
          return block(
            s,
            <Descriptions size="small" bordered column={1}>
              <Descriptions.Item label={t('filings.buildAchievements')}>{txt(v.achievements)}</Descriptions.Item>
              <Descriptions.Item label={t('filings.teachersTitle')}>
                {t('filings.fullTime')}：{String(teachers.fullTime ?? '—')}；{t('filings.partTime')}：{String(teachers.partTime ?? '—')}；
                {t('filings.seniorTitle')}：{String(teachers.seniorTitle ?? '—')}
              </Descriptions.Item>
              <Descriptions.Item label={t('filings.trainingRooms')}>
                {arr(facilities.trainingRooms)
                  .map((r) => `${String(r.name ?? '')}（${String(r.areaM2 ?? '')} ㎡，${String(r.workstations ?? '')}）`)
                  .join('；') || '—'}
              </Descriptions.Item>
            </Descriptions>,
          );
        }
        // feasibility
        return block(
          s,
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('filings.reportLeader')}>{txt(v.leaderName)}</Descriptions.Item>
            <Descriptions.Item label={t('filings.fundingSource')}>{txt(v.fundingSource)}</Descriptions.Item>
            <Descriptions.Item label={t('filings.responsibleDept')}>{txt(v.responsibleDepartment)}</Descriptions.Item>
            <Descriptions.Item label={t('filings.reportDate')}>{txt(v.date)}</Descriptions.Item>
            <Descriptions.Item label={t('filings.expertsTitle')} span={2}>
              {arr(v.experts)
                .map((e) => `${String(e.name ?? '')}（${String(e.unit ?? '')}）`)
                .join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('filings.conclusion')} span={2}>
              {txt(v.conclusion)}
            </Descriptions.Item>
          </Descriptions>,
        );
      })}
    </Space>
  );
}

/** 同意 / 拒绝 a pending request, with a comment (required to refuse). */
export function DecideChangeModal({
  request,
  decision,
  onClose,
}: {
  request: ChangeRequestDto | null;
  decision: 'accept' | 'refuse';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const decide = useDecideChangeRequest();
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const refuse = decision === 'refuse';
  const missing = refuse && !comment.trim();
  const close = () => {
    setComment('');
    setTouched(false);
    onClose();
  };
  const ok = () => {
    setTouched(true);
    if (!request || missing) return;
    decide.mutate(
      { id: request.id, body: { decision, comment: comment.trim() || undefined } },
      {
        onSuccess: () => {
          void message.success(refuse ? t('changes.refusedOk') : t('changes.acceptedOk'));
          close();
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );
  };
  return (
    <Modal
      open={request !== null}
      title={refuse ? t('changes.refuseTitle') : t('changes.acceptTitle')}
      onCancel={close}
      onOk={ok}
      okText={refuse ? t('changes.refuse') : t('changes.accept')}
      okButtonProps={{ danger: refuse, loading: decide.isPending, 'data-testid': 'change-decide-ok' } as never}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!refuse && <Alert type="info" showIcon title={t('changes.acceptHint')} />}
        {request && (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('changes.reason')}：{request.reason}
          </Typography.Paragraph>
        )}
        <Form.Item
          style={{ margin: 0 }}
          validateStatus={touched && missing ? 'error' : undefined}
          help={touched && missing ? t('changes.commentRequired') : undefined}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder={refuse ? t('changes.commentRequired') : t('changes.commentOptional')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid="change-decide-comment"
          />
        </Form.Item>
      </Space>
    </Modal>
  );
}

function ProblemList({ problems }: { problems: readonly ChangeProblem[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (!problems.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('changes.problemsTitle')}
      data-testid="change-problems"
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {problems.slice(0, 30).map((p, i) => (
            <li key={i}>
              {pickLabel(FILING_SECTION_LABELS, p.section, lang)}
              {p.path.length
                ? ` › ${problemPathText(
                    p.path,
                    (k) => t(k as never),
                    (n) => t('changes.item', { n }),
                  )}`
                : ''}
              ：{t('changes.problemSuffix')}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** 申请变更: the sections to change, their complete new content (the filing form's editors) and the reason. */
function ChangeRequestModal({ filing, open, onClose }: { filing: FilingDetailDto; open: boolean; onClose: () => void }) {
  const frozenHint = useFrozenHint(filing.schoolId);
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const create = useCreateChangeRequest(filing.id);
  const [problems, setProblems] = useState<ChangeProblem[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const init = useMemo(() => ({ ...changeFormInitial(filing), chosen: [], reason: '' }), [filing]);
  const chosen = (Form.useWatch('chosen', form) as ChangeableSection[] | undefined) ?? [];
  const planRows = (Form.useWatch(['plan', 'rows'], { form, preserve: true }) as
    FilingDetailDto['sections']['plan']['rows'] | undefined) ?? [...filing.sections.plan.rows];
  const levels = filing.levels.map((l) => levelLabel(l, lang)).join('、');

  const close = () => {
    form.resetFields();
    setProblems([]);
    setServerError(null);
    onClose();
  };

  const send = async () => {
    let v: { chosen: ChangeableSection[]; reason: string };
    try {
      v = (await form.validateFields(['chosen', 'reason'])) as typeof v;
    } catch {
      return;
    }
    const sections = changeSectionsBody(v.chosen, form.getFieldsValue(true) as Obj);
    const found = changeProblems(sections);
    setProblems(found);
    setServerError(null);
    if (found.length) return;
    create.mutate(
      { sections, reason: v.reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('changes.submittedOk'));
          close();
        },
        onError: (err) => {
          setServerError(errorText(err));
          if (err instanceof ApiError) setProblems(problemsFromServer(err.details.fields));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      width={1080}
      title={t('changes.formTitle', { name: filing.certificateTypeName })}
      onCancel={close}
      onOk={() => void send()}
      okText={t('changes.submit')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'change-submit' } as never}
      destroyOnHidden
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', paddingRight: 8 } }}
    >
      <Form form={form} layout="vertical" initialValues={init} data-testid="change-form">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert type="info" showIcon title={frozenHint} />
          <Form.Item
            name="chosen"
            label={t('changes.chooseSections')}
            extra={t('changes.chooseSectionsHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('changes.chooseRequired') }]}
            style={{ marginBottom: 0 }}
          >
            <Checkbox.Group
              data-testid="change-sections"
              options={CHANGEABLE_SECTIONS.map((s) => ({ value: s, label: pickLabel(FILING_SECTION_LABELS, s, lang) }))}
            />
          </Form.Item>
          {CHANGEABLE_SECTIONS.filter((s) => chosen.includes(s)).map((s) => (
            <div key={s}>
              {s === 'leader' && <LeaderFields />}
              {s === 'team' && <TeamFields />}
              {s === 'plan' && <PlanFields form={form} filing={filing} levels={filing.levels} fallbackRows={filing.sections.plan.rows} />}
              {s === 'overview' && <OverviewFields />}
              {s === 'courseSupport' && <CourseFields majors={planRows.map((r) => ({ value: r.schoolMajorId, label: r.majorName }))} />}
              {s === 'feasibility' && <FeasibilityFields projectName={`${filing.certificateTypeName}（${levels}）`} />}
            </div>
          ))}
          <Form.Item
            name="reason"
            label={t('changes.reason')}
            rules={[{ required: true, whitespace: true, message: t('changes.reasonRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('changes.reasonPlaceholder')} data-testid="change-reason" />
          </Form.Item>
          {serverError && <Alert type="error" showIcon title={`${t('changes.submitFailed')}：${serverError}`} />}
          <ProblemList problems={problems} />
        </Space>
      </Form>
    </Modal>
  );
}

/**
 * 变更申请 of an approved and published filing (R3.7): its history for everyone who sees the filing, 申请变更 for the
 * school administrator, 同意 / 拒绝 for the province on pending requests.
 */
export function ChangeRequestsCard({ filing }: { filing: FilingDetailDto }) {
  const frozenHint = useFrozenHint(filing.schoolId);
  const { t } = useTranslation();
  const user = useUser();
  const requests = useFilingChangeRequests(filing.id);
  const errorText = useErrorText();
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<{ request: ChangeRequestDto; decision: 'accept' | 'refuse' } | null>(null);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const items = requests.data ?? [];
  const pending = pendingRequest(items);
  const school = user.role === 'school_admin';

  return (
    <Card
      size="small"
      title={t('changes.cardTitle')}
      data-testid="change-requests"
      extra={
        school ? (
          <Tooltip title={pending ? t('changes.pendingExists') : undefined}>
            <Button
              type="primary"
              size="small"
              icon={<EditOutlined />}
              disabled={Boolean(pending)}
              onClick={() => setCreating(true)}
              data-testid="change-request-new"
            >
              {t('changes.request')}
            </Button>
          </Tooltip>
        ) : null
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {school && <Alert type="info" showIcon title={frozenHint} />}
        {requests.error ? <Alert type="error" showIcon title={errorText(requests.error)} /> : null}
        <Table<ChangeRequestDto>
          size="small"
          rowKey="id"
          loading={requests.isLoading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('changes.none') }}
          scroll={{ x: 900 }}
          data-testid="change-requests-table"
          expandable={{
            expandedRowRender: (r) => <ProposedContent request={r} filing={filing} />,
            // The pending request opens by default (once loaded); then the user's choice.
            expandedRowKeys: expanded ?? (pending ? [pending.id] : []),
            onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
          }}
          columns={[
            {
              title: t('changes.requestedAt'),
              key: 'at',
              width: 170,
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <span>{formatDateTime(r.requestedAt)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.requestedBy ?? ''}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('changes.sections'), key: 'sections', width: 220, render: (_, r) => <ChangeSectionTags request={r} /> },
            {
              title: t('changes.reason'),
              dataIndex: 'reason',
              key: 'reason',
              render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>,
            },
            { title: t('changes.status'), key: 'status', width: 130, render: (_, r) => <ChangeStatusTag status={r.status} /> },
            {
              title: t('changes.decision'),
              key: 'decision',
              width: 240,
              render: (_, r) => {
                if (r.allowedActions.length)
                  return (
                    <Space>
                      {r.allowedActions.includes('accept') && (
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => setDeciding({ request: r, decision: 'accept' })}
                          data-testid="change-accept"
                        >
                          {t('changes.accept')}
                        </Button>
                      )}
                      {r.allowedActions.includes('refuse') && (
                        <Button
                          size="small"
                          danger
                          onClick={() => setDeciding({ request: r, decision: 'refuse' })}
                          data-testid="change-refuse"
                        >
                          {t('changes.refuse')}
                        </Button>
                      )}
                    </Space>
                  );
                if (!r.decidedAt) return <Typography.Text type="secondary">—</Typography.Text>;
                return (
                  <Space orientation="vertical" size={0}>
                    {r.decisionComment && <span style={{ whiteSpace: 'pre-wrap' }}>{r.decisionComment}</span>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[r.decidedBy, formatDateTime(r.decidedAt)].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  </Space>
                );
              },
            },
          ]}
        />
      </Space>
      {school && <ChangeRequestModal filing={filing} open={creating} onClose={() => setCreating(false)} />}
      <DecideChangeModal request={deciding?.request ?? null} decision={deciding?.decision ?? 'accept'} onClose={() => setDeciding(null)} />
    </Card>
  );
}
