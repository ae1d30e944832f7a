import {
  SCHOOL_FLAGS,
  SCHOOL_FLAG_LABELS,
  SCHOOL_TYPES,
  SCHOOL_TYPE_LABELS,
  type SchoolFlag,
  type SchoolSelfRegistrationInput,
  type SchoolType,
  validateCreditCode,
} from '@onex/shared';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Divider,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useRegionList, useRegistrationStatus, useResubmitRegistration, useSubmitRegistration } from '../api';
import '../locales';

interface Values {
  name: string;
  creditCode: string;
  schoolType: SchoolType;
  provinceCode: string;
  cityCode: string;
  flags?: SchoolFlag[];
  address?: string;
  contactName: string;
  contactPhone: string;
  leadingBody: string;
  leadingBodyHead: string;
  responsibleDepartment: string;
  responsiblePerson: string;
  adminUsername: string;
  adminDisplayName: string;
  adminPassword: string;
  adminPassword2: string;
}

const FIELDS = [
  'name',
  'creditCode',
  'schoolType',
  'provinceCode',
  'cityCode',
  'flags',
  'address',
  'contactName',
  'contactPhone',
  'leadingBody',
  'leadingBodyHead',
  'responsibleDepartment',
  'responsiblePerson',
  'adminUsername',
  'adminDisplayName',
  'adminPassword',
];

function creditCodeProblem(raw: string | undefined, missing: (n: number) => string): string | null {
  const code = (raw ?? '').trim().toUpperCase();
  if (!code) return null;
  if (code.length < 18) return missing(18 - code.length);
  const r = validateCreditCode(code);
  return r.ok ? null : r.message;
}

function schoolPart(v: Values): SchoolSelfRegistrationInput {
  return {
    name: v.name.trim(),
    creditCode: v.creditCode.trim(),
    schoolType: v.schoolType,
    provinceCode: v.provinceCode,
    cityCode: v.cityCode,
    flags: v.flags ?? [],
    address: v.address?.trim() || null,
    contactName: v.contactName.trim(),
    contactPhone: v.contactPhone.trim(),
    leadingBody: v.leadingBody.trim(),
    leadingBodyHead: v.leadingBodyHead.trim(),
    responsibleDepartment: v.responsibleDepartment.trim(),
    responsiblePerson: v.responsiblePerson.trim(),
  };
}

/** The registration form; `trackingCode` given: the resubmission of a returned registration (no account part). */
function RegistrationForm({ trackingCode, onDone }: { trackingCode?: string; onDone: (code: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const [proof, setProof] = useState<File | null>(null);
  const [proofMissing, setProofMissing] = useState(false);
  const submit = useSubmitRegistration();
  const resubmit = useResubmitRegistration(trackingCode ?? '');
  const mutation = trackingCode ? resubmit : submit;
  const provinceCode = Form.useWatch('provinceCode', form);
  const provinces = useRegionList(undefined);
  const cities = useRegionList(provinceCode, Boolean(provinceCode));
  const req = (field: string) => [{ required: true, whitespace: true, message: t('schoolReg.required', { field }) }];

  const onFinish = (v: Values) => {
    if (!trackingCode && !proof) {
      setProofMissing(true);
      return;
    }
    const onError = (err: unknown) =>
      showFieldErrors(
        form,
        err,
        { USERNAME_TAKEN: 'adminUsername', PASSWORD_WEAK: 'adminPassword', SCHOOL_ALREADY_REGISTERED: 'creditCode' },
        FIELDS,
      );
    if (trackingCode) resubmit.mutate({ data: schoolPart(v), proof }, { onSuccess: () => onDone(trackingCode), onError });
    else
      submit.mutate(
        {
          data: {
            ...schoolPart(v),
            adminUsername: v.adminUsername.trim(),
            adminDisplayName: v.adminDisplayName.trim(),
            adminPassword: v.adminPassword,
          },
          proof: proof!,
        },
        { onSuccess: (r) => onDone(r.trackingCode), onError },
      );
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ flags: [] }}>
      {mutation.isError && (
        <Alert type="error" showIcon title={errorText(mutation.error)} style={{ marginBottom: 16 }} data-testid="reg-error" />
      )}
      <Divider titlePlacement="start">{t('schoolReg.sectionSchool')}</Divider>
      <Form.Item name="name" label={t('schoolReg.name')} rules={req(t('schoolReg.name'))}>
        <Input maxLength={100} data-testid="reg-name" />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label={t('schoolReg.creditCode')}
        extra={t('schoolReg.creditCodeHelp')}
        normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
        rules={[
          ...req(t('schoolReg.creditCode')),
          {
            validator: async (_, v: string | undefined) => {
              const p = creditCodeProblem(v, (n) => t('schoolReg.creditCodeMissing', { n }));
              if (p) throw new Error(p);
            },
          },
        ]}
      >
        <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="reg-credit-code" />
      </Form.Item>
      <Form.Item
        name="schoolType"
        label={t('schoolReg.schoolType')}
        extra={t('schoolReg.technicalNote')}
        rules={[{ required: true, message: t('schoolReg.required', { field: t('schoolReg.schoolType') }) }]}
      >
        <Select options={SCHOOL_TYPES.map((s) => ({ value: s, label: pickLabel(SCHOOL_TYPE_LABELS, s, lang) }))} data-testid="reg-type" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="provinceCode"
            label={t('schoolReg.province')}
            rules={[{ required: true, message: t('schoolReg.required', { field: t('schoolReg.province') }) }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={provinces.isFetching}
              options={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
              onChange={() => form.setFieldValue('cityCode', undefined)}
              data-testid="reg-province"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="cityCode"
            label={t('schoolReg.city')}
            rules={[{ required: true, message: t('schoolReg.required', { field: t('schoolReg.city') }) }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={cities.isFetching}
              disabled={!provinceCode}
              options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
              data-testid="reg-city"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="flags" label={t('schoolReg.flags')}>
        <Checkbox.Group>
          <Row gutter={[8, 8]}>
            {SCHOOL_FLAGS.map((f) => (
              <Col key={f} xs={24} md={12}>
                <Checkbox value={f}>{pickLabel(SCHOOL_FLAG_LABELS, f, lang)}</Checkbox>
              </Col>
            ))}
          </Row>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="address" label={t('schoolReg.address')}>
        <Input maxLength={200} />
      </Form.Item>
      <Divider titlePlacement="start">{t('schoolReg.sectionOrg')}</Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="leadingBody" label={t('schoolReg.leadingBody')} rules={req(t('schoolReg.leadingBody'))}>
            <Input maxLength={100} placeholder={t('schoolReg.leadingBodyPlaceholder')} data-testid="reg-leading-body" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="leadingBodyHead" label={t('schoolReg.leadingBodyHead')} rules={req(t('schoolReg.leadingBodyHead'))}>
            <Input maxLength={50} data-testid="reg-leading-head" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="responsibleDepartment"
            label={t('schoolReg.responsibleDepartment')}
            rules={req(t('schoolReg.responsibleDepartment'))}
          >
            <Input maxLength={100} placeholder={t('schoolReg.responsibleDepartmentPlaceholder')} data-testid="reg-department" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="responsiblePerson" label={t('schoolReg.responsiblePerson')} rules={req(t('schoolReg.responsiblePerson'))}>
            <Input maxLength={50} data-testid="reg-department-head" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t('schoolReg.sectionContact')}</Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="contactName" label={t('schoolReg.contactName')} rules={req(t('schoolReg.contactName'))}>
            <Input maxLength={50} data-testid="reg-contact-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contactPhone" label={t('schoolReg.contactPhone')} rules={req(t('schoolReg.contactPhone'))}>
            <Input maxLength={30} data-testid="reg-contact-phone" />
          </Form.Item>
        </Col>
      </Row>
      {!trackingCode && (
        <>
          <Divider titlePlacement="start">{t('schoolReg.sectionAdmin')}</Divider>
          <Typography.Paragraph type="secondary">{t('schoolReg.accountNote')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="adminUsername" label={t('schoolReg.adminUsername')} rules={req(t('schoolReg.adminUsername'))}>
                <Input maxLength={64} autoComplete="username" data-testid="reg-admin-username" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="adminDisplayName" label={t('schoolReg.adminDisplayName')} rules={req(t('schoolReg.adminDisplayName'))}>
                <Input maxLength={100} data-testid="reg-admin-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="adminPassword"
                label={t('schoolReg.adminPassword')}
                extra={t('schoolReg.passwordHelp')}
                rules={req(t('schoolReg.adminPassword'))}
              >
                <Input.Password autoComplete="new-password" data-testid="reg-admin-password" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="adminPassword2"
                label={t('schoolReg.adminPassword2')}
                dependencies={['adminPassword']}
                rules={[
                  ...req(t('schoolReg.adminPassword2')),
                  ({ getFieldValue }) => ({
                    validator: async (_, v: string | undefined) => {
                      if (v && v !== getFieldValue('adminPassword')) throw new Error(t('schoolReg.passwordMismatch'));
                    },
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="reg-admin-password2" />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
      <Divider titlePlacement="start">{t('schoolReg.sectionProof')}</Divider>
      <Form.Item
        label={t('schoolReg.proof')}
        required={!trackingCode}
        validateStatus={proofMissing ? 'error' : undefined}
        help={proofMissing ? t('schoolReg.proofRequired') : undefined}
      >
        <div data-testid="reg-proof">
          <Upload
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            maxCount={1}
            beforeUpload={(file) => {
              setProof(file);
              setProofMissing(false);
              return false;
            }}
            onRemove={() => setProof(null)}
          >
            <Button>{t('schoolReg.choose')}</Button>
          </Upload>
        </div>
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={mutation.isPending} data-testid="reg-submit">
        {trackingCode ? t('schoolReg.resubmit') : t('schoolReg.submit')}
      </Button>
    </Form>
  );
}

const STATUS_COLOR = { pending: 'processing', approved: 'success', returned: 'warning' } as const;

function StatusLookup({ code, onCode }: { code: string | null; onCode: (c: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const status = useRegistrationStatus(code);
  const [resubmitting, setResubmitting] = useState(false);
  const [input, setInput] = useState(code ?? '');
  const r = status.data;
  return (
    <Card title={t('schoolReg.lookupTitle')} style={{ marginTop: 16 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={input}
          onChange={(e) => setInput(e.target.value)}
          placeholder={t('schoolReg.lookupPlaceholder')}
          data-testid="reg-lookup-code"
        />
        <Button type="primary" onClick={() => input.trim() && onCode(input.trim())} data-testid="reg-lookup">
          {t('schoolReg.lookup')}
        </Button>
      </Space.Compact>
      {status.isError && <Alert type="error" showIcon title={errorText(status.error)} style={{ marginTop: 16 }} />}
      {r && (
        <Descriptions column={1} size="small" style={{ marginTop: 16 }} data-testid="reg-status">
          <Descriptions.Item label={t('schoolReg.name')}>{r.schoolName}</Descriptions.Item>
          <Descriptions.Item label={t('schoolReg.status')}>
            <Tag color={STATUS_COLOR[r.status]}>{t(`schoolReg.statusLabels.${r.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('schoolReg.submittedAt')}>{formatDateTime(r.submittedAt)}</Descriptions.Item>
          {r.adminUsername && <Descriptions.Item label={t('schoolReg.adminAccount')}>{r.adminUsername}</Descriptions.Item>}
          {r.returnReason && <Descriptions.Item label={t('schoolReg.returnReason')}>{r.returnReason}</Descriptions.Item>}
        </Descriptions>
      )}
      {r?.status === 'approved' && <Alert type="success" showIcon title={t('schoolReg.approvedHint')} />}
      {r?.status === 'returned' &&
        (resubmitting ? (
          <RegistrationForm
            trackingCode={r.trackingCode}
            onDone={() => {
              setResubmitting(false);
              void status.refetch();
            }}
          />
        ) : (
          <Button onClick={() => setResubmitting(true)}>{t('schoolReg.resubmit')}</Button>
        ))}
    </Card>
  );
}

/** 院校注册申报 (R2.1, 002 四.3): public, no account; then follow it by its tracking code. */
export function SchoolRegistrationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [created, setCreated] = useState<string | null>(null);
  const code = params.get('code');
  return (
    <div style={{ maxWidth: 760, margin: '24px auto' }}>
      <Card title={t('schoolReg.title')}>
        {created ? (
          <Result
            status="success"
            title={t('schoolReg.done')}
            subTitle={
              <>
                <div>
                  {t('schoolReg.codeIs')}
                  <Typography.Text copyable strong data-testid="reg-code">
                    {created}
                  </Typography.Text>
                </div>
                <div>{t('schoolReg.codeKeep')}</div>
              </>
            }
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('schoolReg.intro')}</Typography.Paragraph>
            <RegistrationForm
              onDone={(c) => {
                setCreated(c);
                setParams({ code: c });
              }}
            />
          </>
        )}
      </Card>
      <StatusLookup key={code ?? ''} code={code} onCode={(c) => setParams({ code: c })} />
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <Link to="/login">{t('schoolReg.backToLogin')}</Link>
      </div>
    </div>
  );
}
