import type { CertificateLevel, FilingRoundDto } from '@onex/shared';
import { useQuery } from '@tanstack/react-query';
import { App, Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUser } from '../../../lib/session';
import { levelLabel, useBatches, type PublicItem } from '../../../lib/catalog';
import { useDepartments, useSchoolMajors } from '../../../lib/schools';
import { api } from '../../../lib/api';
import { useLang } from '../../../lib/i18n';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useCreateFiling } from '../api';
import { useEffectivePolicies } from '../../../lib/policies';

interface Values {
  roundId: string;
  certificateTypeId: string;
  levels: CertificateLevel[];
  departmentId: string;
  schoolMajorIds?: string[];
}

/** 新建备案: round, certificate (published and admitted by the round), levels, declaring department, majors. */
export function NewFilingModal({ open, onClose, rounds }: { open: boolean; onClose: () => void; rounds: readonly FilingRoundDto[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const create = useCreateFiling();
  const schoolId = user.scope.schoolId ?? '';
  const roundId = Form.useWatch('roundId', form);
  const certificateTypeId = Form.useWatch('certificateTypeId', form);
  const departmentId = Form.useWatch('departmentId', form);
  const round = rounds.find((r) => r.id === roundId);
  const batches = useBatches();
  const certificates = useQuery({
    queryKey: ['catalog', 'public', 'all-items-for-filings'],
    queryFn: () => api.get<{ items: PublicItem[] }>('/public/certificate-types', { page: 1, pageSize: 200 }),
    staleTime: 5 * 60_000,
    enabled: open,
  });
  const departments = useDepartments(schoolId);
  const majors = useSchoolMajors(schoolId, round?.year);

  // Issue 17 item 7: where 002 四.4 is in force, early batches are admitted in principle (a warning, not a block).
  const policies = useEffectivePolicies({}, open);
  const early = policies.data?.filingRules.find((r) => r.id === 'early_batch_new_pilot')?.params.earlyBatchCodes;
  const earlyCodes = Array.isArray(early) ? (early as string[]) : [];
  const admittedNames = new Set(
    (batches.data ?? [])
      .filter((b) => round?.admittedBatchCodes.includes(b.code) || earlyCodes.includes(b.code))
      .flatMap((b) => [b.name, b.code]),
  );
  const certOptions = (certificates.data?.items ?? []).filter((c) => c.status === 'published' && admittedNames.has(c.batch));
  const cert = certOptions.find((c) => c.id === certificateTypeId);
  const ownDepartment = user.role === 'department_admin' ? user.scope.departmentId : undefined;

  const submit = (v: Values) =>
    create.mutate(
      { ...v, schoolMajorIds: v.schoolMajorIds ?? [] },
      {
        onSuccess: (f) => {
          void message.success(t('filings.createdOk'));
          form.resetFields();
          onClose();
          void navigate(`/filings/${f.id}`);
        },
        onError: (err) => {
          if (!showFieldErrors(form, err)) void message.error(errorText(err));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('filings.newFiling')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={620}
      okButtonProps={{ 'data-testid': 'new-filing-ok' } as never}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ roundId: rounds[0]?.id, departmentId: ownDepartment }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('roundId' in changed) form.setFieldsValue({ certificateTypeId: undefined, levels: [] });
          if ('certificateTypeId' in changed) form.setFieldsValue({ levels: [] });
          if ('departmentId' in changed) form.setFieldsValue({ schoolMajorIds: [] });
        }}
      >
        <Form.Item
          name="roundId"
          label={t('filings.round')}
          rules={[{ required: true, message: t('filings.selectRequired', { field: t('filings.round') }) }]}
        >
          <Select options={rounds.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
        <Form.Item
          name="certificateTypeId"
          label={t('filings.certificate')}
          extra={t('filings.certificateHint')}
          rules={[{ required: true, message: t('filings.selectRequired', { field: t('filings.certificate') }) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={certificates.isLoading}
            options={certOptions.map((c) => ({ value: c.id, label: `${c.name}（${c.batch}）` }))}
            data-testid="new-filing-certificate"
          />
        </Form.Item>
        <Form.Item
          name="levels"
          label={t('filings.levels')}
          rules={[{ required: true, message: t('filings.selectRequired', { field: t('filings.levels') }) }]}
        >
          <Select mode="multiple" options={(cert?.levels ?? []).map((l) => ({ value: l.level, label: levelLabel(l.level, lang) }))} />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('filings.department')}
          rules={[{ required: true, message: t('filings.selectRequired', { field: t('filings.department') }) }]}
        >
          <Select disabled={Boolean(ownDepartment)} options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="schoolMajorIds" label={t('filings.majors')} extra={t('filings.majorsHint')}>
          <Select
            mode="multiple"
            options={(majors.data ?? [])
              .filter((m) => !departmentId || m.departmentId === departmentId)
              .map((m) => ({ value: m.id, label: `${m.name}（${m.majorCode}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
