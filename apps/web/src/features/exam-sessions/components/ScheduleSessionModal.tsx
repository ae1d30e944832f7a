import { CERTIFICATE_LEVEL_LABELS, EXAM_FORM_LABELS, type CertificateLevel, type ExamForm, type Page } from '@onex/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../lib/api';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useCertificateTypes } from '../../../lib/catalog';
import type { ExamSiteDto as ExamSite } from '@onex/shared';
import { useScheduleSession } from '../api';

interface ScheduleValues {
  certificateTypeId: string;
  level: CertificateLevel;
  examSiteId: string;
  examDate: Dayjs;
  examForm: ExamForm;
  capacity: number;
  registrationWindow: [Dayjs, Dayjs];
}

const FIELDS = ['certificateTypeId', 'level', 'examSiteId', 'examDate', 'examForm', 'capacity', 'registrationWindow'] as const;

/** 新建考核场次 (organization): its published certificates, their levels and forms, its approved sites. */
export function ScheduleSessionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [form] = Form.useForm<ScheduleValues>();
  const schedule = useScheduleSession();

  const user = useUser();
  // Only this organization's published certificates: the managed list otherwise also holds every other
  // organization's published ones, which the server refuses for a session.
  const types = useCertificateTypes({ page: 1, pageSize: 200, status: 'published', orgId: user.scope.orgId });
  const sites = useQuery({
    queryKey: ['exam-sites', 'approved-for-sessions'],
    queryFn: ({ signal }) => api.get<Page<ExamSite>>('/exam-sites', { page: 1, pageSize: 200, status: 'approved' }, signal),
    enabled: open,
  });

  const typeId = Form.useWatch('certificateTypeId', form);
  const level = Form.useWatch('level', form);
  const siteId = Form.useWatch('examSiteId', form);
  const type = (types.data?.items ?? []).find((c) => c.id === typeId);
  const levelDto = type?.levels.find((l) => l.level === level);
  const typeSites = (sites.data?.items ?? []).filter((s) => s.certificateType.id === typeId);
  const site = typeSites.find((s) => s.id === siteId);

  const close = () => {
    form.resetFields();
    schedule.reset();
    onClose();
  };

  const onFinish = (v: ScheduleValues) => {
    schedule.mutate(
      {
        certificateTypeId: v.certificateTypeId,
        level: v.level,
        examSiteId: v.examSiteId,
        examDate: v.examDate.format('YYYY-MM-DD'),
        examForm: v.examForm,
        capacity: v.capacity,
        registrationOpensAt: v.registrationWindow[0].second(0).millisecond(0).toISOString(),
        registrationClosesAt: v.registrationWindow[1].second(0).millisecond(0).toISOString(),
      },
      {
        onSuccess: (s) => {
          void message.success(t('exams.scheduledOk'));
          close();
          void navigate(`/exam-sessions/${s.id}`);
        },
        onError: (err) => {
          showFieldErrors(form, err, {}, FIELDS);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('exams.newSessionTitle')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={schedule.isPending}
      okButtonProps={{ 'data-testid': 'session-submit' }}
      destroyOnHidden
      width={560}
    >
      {schedule.isError && <Alert type="error" showIcon title={errorText(schedule.error)} style={{ marginBottom: 16 }} />}
      {types.isError && <Alert type="error" showIcon title={errorText(types.error)} style={{ marginBottom: 16 }} />}
      {sites.isError && <Alert type="error" showIcon title={errorText(sites.error)} style={{ marginBottom: 16 }} />}
      <Form<ScheduleValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={(changed: Partial<ScheduleValues>) => {
          if ('certificateTypeId' in changed) form.setFieldsValue({ level: undefined, examForm: undefined, examSiteId: undefined });
          else if ('level' in changed) form.setFieldsValue({ examForm: undefined });
        }}
      >
        <Form.Item
          name="certificateTypeId"
          label={t('exams.certificateType')}
          rules={[{ required: true, message: t('exams.certificateRequired') }]}
        >
          <Select
            loading={types.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(types.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="session-certificate"
          />
        </Form.Item>
        <Form.Item name="level" label={t('exams.sessionLevel')} rules={[{ required: true, message: t('exams.levelRequired') }]}>
          <Select
            disabled={!type}
            options={(type?.levels ?? []).map((l) => ({ value: l.level, label: pickLabel(CERTIFICATE_LEVEL_LABELS, l.level, lang) }))}
            data-testid="session-level"
          />
        </Form.Item>
        <Form.Item name="examForm" label={t('exams.examFormLabel')} rules={[{ required: true, message: t('exams.examFormRequired') }]}>
          <Select
            disabled={!levelDto}
            options={(levelDto?.examForms ?? []).map((f) => ({ value: f.form, label: pickLabel(EXAM_FORM_LABELS, f.form, lang) }))}
            data-testid="session-form"
          />
        </Form.Item>
        <Form.Item name="examSiteId" label={t('exams.site')} rules={[{ required: true, message: t('exams.siteRequired') }]}>
          <Select
            disabled={!type}
            loading={sites.isLoading}
            options={typeSites.map((s) => ({ value: s.id, label: `${s.name}（${s.capacity}）` }))}
            data-testid="session-site"
          />
        </Form.Item>
        <Form.Item name="examDate" label={t('exams.examDate')} rules={[{ required: true, message: t('exams.examDateRequired') }]}>
          <DatePicker style={{ width: 200 }} data-testid="session-date" />
        </Form.Item>
        <Form.Item
          name="capacity"
          label={t('exams.capacity')}
          extra={site ? t('exams.siteCapacityHint', { capacity: site.capacity }) : undefined}
          rules={[{ required: true, message: t('exams.capacityRequired') }]}
        >
          <InputNumber<number> min={1} max={site?.capacity ?? 100000} precision={0} style={{ width: 160 }} data-testid="session-capacity" />
        </Form.Item>
        <Form.Item
          name="registrationWindow"
          label={t('exams.registrationWindow')}
          dependencies={['examDate']}
          rules={[
            { required: true, message: t('exams.registrationWindowRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: [Dayjs, Dayjs] | undefined) => {
                const date = getFieldValue('examDate') as Dayjs | undefined;
                if (value && date && value[1].format('YYYY-MM-DD') > date.format('YYYY-MM-DD'))
                  return Promise.reject(new Error(t('exams.registrationClosesBeforeExam')));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="session-window" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
