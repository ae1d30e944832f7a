import { ID_TYPE_LABELS, ID_TYPES, type IdType } from '@onex/shared';
import { Alert, Button, Checkbox, Drawer, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { pickLabel } from '../../../lib/money';
import { useLang } from '../../../lib/i18n';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useSchoolMajors } from '../../../lib/schools';
import { useCreateLearner, type LearnerCreated } from '../api';
import { idNumberMessage } from '../learner-helpers';

interface Values {
  name: string;
  idType: IdType;
  idNumber: string;
  schoolMajorId?: string;
  className?: string;
  povertyRegistered?: boolean;
}

/** 新增学生: name, ID (checked live against GB 11643), major, class, 建档立卡. */
export function AddLearnerDrawer({
  open,
  schoolId,
  onClose,
  onCreated,
}: {
  open: boolean;
  schoolId: string | undefined;
  onClose: () => void;
  onCreated: (r: LearnerCreated) => void;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const create = useCreateLearner();
  const majors = useSchoolMajors(schoolId ?? '', undefined);
  const idType = Form.useWatch('idType', form);

  const submit = (v: Values) =>
    create.mutate(
      {
        name: v.name.trim(),
        idType: v.idType,
        idNumber: v.idNumber,
        schoolMajorId: v.schoolMajorId ?? null,
        className: v.className?.trim() || null,
        povertyRegistered: Boolean(v.povertyRegistered),
      },
      {
        onSuccess: (r) => {
          form.resetFields();
          create.reset();
          onCreated(r);
        },
        onError: (err) => {
          showFieldErrors(form, err, { ID_NUMBER_TAKEN: 'idNumber', LEARNER_EXISTS: 'idNumber' }, [
            'name',
            'idType',
            'idNumber',
            'schoolMajorId',
            'className',
          ]);
        },
      },
    );

  return (
    <Drawer
      open={open}
      title={t('exams.addLearner')}
      size={480}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="learner-submit">
            {t('common.submit')}
          </Button>
        </Space>
      }
    >
      {create.isError && <Alert type="error" showIcon title={errorText(create.error)} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={{ idType: 'id_card', povertyRegistered: false }} onFinish={submit}>
        <Form.Item name="name" label={t('exams.name')} rules={[{ required: true, whitespace: true, message: t('exams.nameRequired') }]}>
          <Input maxLength={50} data-testid="learner-name" />
        </Form.Item>
        <Form.Item name="idType" label={t('exams.idType')} rules={[{ required: true }]}>
          <Select
            options={ID_TYPES.map((k) => ({ value: k, label: pickLabel(ID_TYPE_LABELS, k, lang) }))}
            onChange={() => void form.validateFields(['idNumber']).catch(() => undefined)}
          />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('exams.idNumber')}
          validateTrigger={['onChange', 'onBlur']}
          rules={[
            { required: true, whitespace: true, message: t('exams.idNumberRequired') },
            {
              validator: async (_, value: string | undefined) => {
                const m = idNumberMessage(idType ?? 'id_card', value, lang);
                if (m) throw new Error(m);
              },
            },
          ]}
          extra={t('exams.idNumberHint')}
        >
          <Input maxLength={32} autoComplete="off" style={{ fontFamily: 'monospace' }} data-testid="learner-id-number" />
        </Form.Item>
        <Form.Item name="schoolMajorId" label={t('exams.major')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={majors.isLoading}
            options={(majors.data ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.majorCode}）` }))}
          />
        </Form.Item>
        <Form.Item name="className" label={t('exams.className')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="povertyRegistered" valuePropName="checked" extra={t('exams.povertyHint')}>
          <Checkbox data-testid="learner-poverty">{t('exams.poverty')}</Checkbox>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
