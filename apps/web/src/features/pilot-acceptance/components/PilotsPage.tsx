import {
  PILOT_ACCEPTANCE_ACTION_LABELS,
  PILOT_ACCEPTANCE_STATUS_LABELS,
  type PilotSummaryDto,
  type TaskBookDto,
  type TaskBookInput,
} from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useApply, useDecide, usePilots, useSaveTaskBook, useSchoolCourses, useTaskBook } from '../api';
import '../locales';

const STATUS_COLOR = { in_progress: 'processing', applied: 'warning', accepted: 'success', not_accepted: 'error' } as const;

/** 试点验收 (issue 18 item 5): the approved pilots in scope and their acceptance state. */
export function PilotsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const pilots = usePilots();
  return (
    <Card>
      <Typography.Title level={4}>{t('pilotAcceptance.title')}</Typography.Title>
      <Alert type="info" showIcon title={t('pilotAcceptance.intro')} style={{ marginBottom: 16 }} />
      <Table<PilotSummaryDto>
        rowKey="filingId"
        loading={pilots.isLoading}
        dataSource={pilots.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('pilotAcceptance.pilot'), dataIndex: 'certificateName' },
          { title: t('pilotAcceptance.school'), dataIndex: ['school', 'name'] },
          { title: t('pilotAcceptance.year'), dataIndex: 'year' },
          {
            title: t('pilotAcceptance.status'),
            dataIndex: 'status',
            render: (v: PilotSummaryDto['status']) =>
              v ? <Tag color={STATUS_COLOR[v]}>{pickLabel(PILOT_ACCEPTANCE_STATUS_LABELS, v, lang)}</Tag> : t('pilotAcceptance.noBook'),
          },
          { title: t('pilotAcceptance.shortfalls'), dataIndex: 'shortfallCount', render: (v: number | null) => v ?? '—' },
          {
            title: t('pilotAcceptance.open'),
            key: 'open',
            render: (_: unknown, r) => <Link to={`/pilots/${r.filingId}`}>{t('pilotAcceptance.open')}</Link>,
          },
        ]}
      />
    </Card>
  );
}

interface EditValues {
  targetTrainedTeachers: number;
  trainedTeachers: number;
  targetExamined: number;
  targetCourses: number;
  milestones: { title: string; dueOn: Dayjs; doneOn?: Dayjs | null }[];
  courseMappings: { courseId: string; module: string }[];
}

function toInput(v: EditValues): TaskBookInput {
  return {
    targetTrainedTeachers: v.targetTrainedTeachers,
    trainedTeachers: v.trainedTeachers,
    targetExamined: v.targetExamined,
    targetCourses: v.targetCourses,
    milestones: (v.milestones ?? []).map((m) => ({
      title: m.title,
      dueOn: m.dueOn.format('YYYY-MM-DD'),
      doneOn: m.doneOn ? m.doneOn.format('YYYY-MM-DD') : null,
    })),
    courseMappings: v.courseMappings ?? [],
  };
}

function initial(b: TaskBookDto): EditValues {
  return {
    targetTrainedTeachers: b.progress.trainedTeachers.target,
    trainedTeachers: b.progress.trainedTeachers.actual,
    targetExamined: b.id ? b.progress.candidatesExamined.target : b.plannedCandidates,
    targetCourses: b.id ? b.progress.coursesMapped.target : 4,
    milestones: b.milestones.map((m) => ({ title: m.title, dueOn: dayjs(m.dueOn), doneOn: m.doneOn ? dayjs(m.doneOn) : null })),
    courseMappings: b.courseMappings.map((m) => ({ courseId: m.courseId, module: m.module })),
  };
}

/** One pilot: progress against its task book, the school's editing and application, the province's decision. */
export function TaskBookPage() {
  const { filingId = '' } = useParams();
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const book = useTaskBook(filingId);
  const b = book.data;
  const courses = useSchoolCourses(b?.school.id, !!b?.mayEdit);
  const save = useSaveTaskBook(filingId);
  const apply = useApply(filingId);
  const decide = useDecide(filingId);
  const [report, setReport] = useState('');
  const [comment, setComment] = useState('');
  const [form] = Form.useForm<EditValues>();
  if (!b) return <Card loading={book.isLoading} />;
  const p = b.progress;
  const fig = (x: { target: number; actual: number }) => `${x.actual} / ${x.target}`;
  const onError = (e: unknown) => void message.error(errorText(e));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={4}>
            {b.filing.certificateName} · {b.school.name} · {b.filing.year}
          </Typography.Title>
          <Tag color={STATUS_COLOR[b.status]}>{pickLabel(PILOT_ACCEPTANCE_STATUS_LABELS, b.status, lang)}</Tag>
        </div>
        <Descriptions bordered size="small" column={2} title={t('pilotAcceptance.progress')}>
          <Descriptions.Item label={t('pilotAcceptance.planned')}>{b.plannedCandidates}</Descriptions.Item>
          <Descriptions.Item label={t('pilotAcceptance.examined')}>
            {fig(p.candidatesExamined)}（{t('pilotAcceptance.passed')} {p.candidatesPassed}）
          </Descriptions.Item>
          <Descriptions.Item label={t('pilotAcceptance.trainedTeachers')}>{fig(p.trainedTeachers)}</Descriptions.Item>
          <Descriptions.Item label={t('pilotAcceptance.courses')}>{fig(p.coursesMapped)}</Descriptions.Item>
          <Descriptions.Item label={t('pilotAcceptance.milestones')}>{fig(p.milestonesDone)}</Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('pilotAcceptance.shortfalls')}
        </Typography.Title>
        {b.shortfalls.length ? (
          <List size="small" dataSource={b.shortfalls} renderItem={(s) => <List.Item>{`${s.label}（${s.basis}）`}</List.Item>} />
        ) : (
          <Typography.Text type="success">{t('pilotAcceptance.none')}</Typography.Text>
        )}
        {(b.recordedShortfalls.length > 0 || b.decisionComment) && (
          <Alert
            style={{ marginTop: 16 }}
            type={b.status === 'accepted' ? 'success' : 'warning'}
            title={b.decisionComment ? `${t('pilotAcceptance.decisionComment')}：${b.decisionComment}` : t('pilotAcceptance.recorded')}
            description={b.recordedShortfalls.map((s) => s.label).join('；') || undefined}
          />
        )}
        {b.events.length > 0 && (
          <List
            header={t('pilotAcceptance.history')}
            size="small"
            dataSource={b.events}
            renderItem={(e) => (
              <List.Item>
                {formatDateTime(e.at)} {pickLabel(PILOT_ACCEPTANCE_ACTION_LABELS, e.action, lang)} {e.comment ?? ''}
              </List.Item>
            )}
          />
        )}
      </Card>
      {b.allowedActions.includes('apply') && (
        <Card title={t('pilotAcceptance.apply')}>
          <Input.TextArea rows={3} value={report} onChange={(e) => setReport(e.target.value)} placeholder={t('pilotAcceptance.report')} />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            disabled={report.trim().length < 2}
            loading={apply.isPending}
            onClick={() => apply.mutate(report, { onError })}
          >
            {t('pilotAcceptance.apply')}
          </Button>
        </Card>
      )}
      {b.allowedActions.includes('accept') && (
        <Card title={t('pilotAcceptance.status')}>
          {b.acceptanceReport && <Typography.Paragraph>{b.acceptanceReport}</Typography.Paragraph>}
          <Input.TextArea
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('pilotAcceptance.comment')}
          />
          <Space style={{ marginTop: 8 }}>
            <Button
              type="primary"
              loading={decide.isPending}
              onClick={() => decide.mutate({ decision: 'accept', comment: comment || null }, { onError })}
            >
              {t('pilotAcceptance.accept')}
            </Button>
            <Button
              danger
              loading={decide.isPending}
              onClick={() => decide.mutate({ decision: 'reject', comment: comment || null }, { onError })}
            >
              {t('pilotAcceptance.reject')}
            </Button>
          </Space>
        </Card>
      )}
      {b.mayEdit && (
        <Card title={t('pilotAcceptance.edit')}>
          <Form
            form={form}
            layout="vertical"
            initialValues={initial(b)}
            onFinish={(v) => save.mutate(toInput(v), { onSuccess: () => void message.success(t('pilotAcceptance.saved')), onError })}
          >
            <Space wrap>
              <Form.Item name="targetTrainedTeachers" label={t('pilotAcceptance.targetTeachers')} rules={[{ required: true }]}>
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="trainedTeachers" label={t('pilotAcceptance.teachersSoFar')}>
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="targetExamined" label={t('pilotAcceptance.targetExamined')} rules={[{ required: true }]}>
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="targetCourses" label={t('pilotAcceptance.targetCourses')} rules={[{ required: true }]}>
                <InputNumber min={0} max={50} />
              </Form.Item>
            </Space>
            <Form.List name="milestones">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item
                        name={[f.name, 'title']}
                        label={t('pilotAcceptance.milestoneTitle')}
                        rules={[{ required: true, max: 200 }]}
                      >
                        <Input style={{ width: 280 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'dueOn']} label={t('pilotAcceptance.dueOn')} rules={[{ required: true }]}>
                        <DatePicker />
                      </Form.Item>
                      <Form.Item name={[f.name, 'doneOn']} label={t('pilotAcceptance.doneOn')}>
                        <DatePicker />
                      </Form.Item>
                      <Button onClick={() => remove(f.name)}>{t('pilotAcceptance.remove')}</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add()}>{t('pilotAcceptance.addMilestone')}</Button>
                </>
              )}
            </Form.List>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('pilotAcceptance.mappings')}
            </Typography.Title>
            <Form.List name="courseMappings">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'courseId']} label={t('pilotAcceptance.course')} rules={[{ required: true }]}>
                        <Select
                          style={{ width: 280 }}
                          loading={courses.isLoading}
                          options={(courses.data ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'module']} label={t('pilotAcceptance.module')} rules={[{ required: true, max: 200 }]}>
                        <Input style={{ width: 240 }} />
                      </Form.Item>
                      <Button onClick={() => remove(f.name)}>{t('pilotAcceptance.remove')}</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add()}>{t('pilotAcceptance.addMapping')}</Button>
                </>
              )}
            </Form.List>
            <div style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('pilotAcceptance.save')}
              </Button>
            </div>
          </Form>
        </Card>
      )}
    </Space>
  );
}
