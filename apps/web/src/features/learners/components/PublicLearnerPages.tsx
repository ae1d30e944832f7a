import { ID_TYPE_LABELS, ID_TYPES, PASSWORD_RULE, type IdType } from '@onex/shared';
import { Alert, Button, Card, Checkbox, Form, Input, Result, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useActivateLearner, useRegisterLearner } from '../api';
import { idNumberMessage } from '../learner-helpers';
import '../locales';

const USERNAME_RULE = /^[A-Za-z0-9_.-]{3,32}$/;

function PasswordFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="password"
        label={t('auth.password')}
        rules={[
          { required: true, message: t('auth.passwordRequired') },
          { pattern: PASSWORD_RULE, message: t('exams.passwordRule') },
        ]}
        extra={t('exams.passwordRule')}
      >
        <Input.Password autoComplete="new-password" data-testid="pub-password" />
      </Form.Item>
      <Form.Item
        name="password2"
        label={t('exams.passwordAgain')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('exams.passwordAgainRequired') },
          ({ getFieldValue }) => ({
            validator: async (_, v: string | undefined) => {
              if (v && v !== getFieldValue('password')) throw new Error(t('exams.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="pub-password2" />
      </Form.Item>
    </>
  );
}

function UsernameField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="username"
      label={t('auth.username')}
      rules={[
        { required: true, whitespace: true, message: t('auth.usernameRequired') },
        { pattern: USERNAME_RULE, message: t('exams.usernameRule') },
      ]}
      extra={t('exams.usernameRule')}
    >
      <Input autoComplete="username" data-testid="pub-username" />
    </Form.Item>
  );
}

function Done({ title, username }: { title: string; username: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="success"
      title={title}
      subTitle={t('exams.doneSub', { username })}
      extra={
        <Link to="/login">
          <Button type="primary" data-testid="pub-go-login">
            {t('exams.goLogin')}
          </Button>
        </Link>
      }
    />
  );
}

interface ActivateValues {
  username: string;
  activationCode: string;
  idNumberLast6: string;
  password: string;
}

/** 学生账号激活: a pilot student sets its username and password with the code from its school. */
export function ActivatePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [form] = Form.useForm<ActivateValues>();
  const activate = useActivateLearner();
  return (
    <Card style={{ maxWidth: 520, margin: '24px auto' }} title={t('exams.activateTitle')}>
      {activate.isSuccess ? (
        <Done title={t('exams.activateOk')} username={activate.data.username} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('exams.activateIntro')}</Typography.Paragraph>
          {activate.isError && (
            <Alert type="error" showIcon title={errorText(activate.error)} style={{ marginBottom: 16 }} data-testid="pub-error" />
          )}
          <Form<ActivateValues>
            form={form}
            layout="vertical"
            onFinish={(v) =>
              activate.mutate(
                {
                  username: v.username.trim(),
                  activationCode: v.activationCode.trim(),
                  idNumberLast6: v.idNumberLast6.trim().toUpperCase(),
                  password: v.password,
                },
                {
                  onError: (err) => showFieldErrors(form, err, { USERNAME_TAKEN: 'username' }, ['username', 'activationCode', 'password']),
                },
              )
            }
          >
            <Form.Item
              name="activationCode"
              label={t('exams.activationCode')}
              rules={[{ required: true, whitespace: true, message: t('exams.activationCodeRequired') }]}
            >
              <Input autoComplete="off" style={{ fontFamily: 'monospace' }} data-testid="pub-code" />
            </Form.Item>
            <Form.Item
              name="idNumberLast6"
              label={t('exams.idLast6')}
              rules={[
                { required: true, whitespace: true, message: t('exams.idLast6Required') },
                { pattern: /^[0-9A-Za-z]{6}$/, message: t('exams.idLast6Rule') },
              ]}
            >
              <Input maxLength={6} autoComplete="off" style={{ width: 160, fontFamily: 'monospace' }} data-testid="pub-last6" />
            </Form.Item>
            <UsernameField />
            <PasswordFields />
            <Button type="primary" htmlType="submit" block loading={activate.isPending} data-testid="pub-submit">
              {t('exams.activateSubmit')}
            </Button>
          </Form>
        </>
      )}
      {!activate.isSuccess && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/login">{t('exams.backToLogin')}</Link>
        </div>
      )}
    </Card>
  );
}

interface RegisterValues {
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  consent: boolean;
  username: string;
  password: string;
}

/** 社会学习者注册: a learner outside the pilot schools opens its own account. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const [form] = Form.useForm<RegisterValues>();
  const register = useRegisterLearner();
  const idType = Form.useWatch('idType', form);
  return (
    <Card style={{ maxWidth: 520, margin: '24px auto' }} title={t('exams.registerTitle')}>
      {register.isSuccess ? (
        <Done title={t('exams.registerOk')} username={register.data.username} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('exams.registerIntro')}</Typography.Paragraph>
          {register.isError && (
            <Alert type="error" showIcon title={errorText(register.error)} style={{ marginBottom: 16 }} data-testid="pub-error" />
          )}
          <Form<RegisterValues>
            form={form}
            layout="vertical"
            initialValues={{ idType: 'id_card' }}
            onFinish={(v) =>
              register.mutate(
                {
                  name: v.name.trim(),
                  idType: v.idType,
                  idNumber: v.idNumber,
                  phone: v.phone.trim(),
                  consent: true,
                  username: v.username.trim(),
                  password: v.password,
                },
                {
                  onError: (err) =>
                    showFieldErrors(form, err, { USERNAME_TAKEN: 'username', ID_NUMBER_TAKEN: 'idNumber' }, [
                      'name',
                      'idNumber',
                      'phone',
                      'consent',
                      'username',
                      'password',
                    ]),
                },
              )
            }
          >
            <Form.Item name="name" label={t('exams.name')} rules={[{ required: true, whitespace: true, message: t('exams.nameRequired') }]}>
              <Input maxLength={50} data-testid="pub-name" />
            </Form.Item>
            <Form.Item name="idType" label={t('exams.idType')} rules={[{ required: true }]}>
              <Select options={ID_TYPES.map((k) => ({ value: k, label: pickLabel(ID_TYPE_LABELS, k, lang) }))} />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('exams.idNumber')}
              dependencies={['idType']}
              rules={[
                { required: true, whitespace: true, message: t('exams.idNumberRequired') },
                {
                  validator: async (_, value: string | undefined) => {
                    const m = idNumberMessage(idType ?? 'id_card', value, lang);
                    if (m) throw new Error(m);
                  },
                },
              ]}
            >
              <Input maxLength={32} autoComplete="off" style={{ fontFamily: 'monospace' }} data-testid="pub-id-number" />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('socialRegister.phone')}
              rules={[{ required: true, pattern: /^\s*1[3-9][0-9]{9}\s*$/, message: t('socialRegister.phoneInvalid') }]}
            >
              <Input maxLength={20} inputMode="tel" autoComplete="tel" data-testid="pub-phone" />
            </Form.Item>
            <UsernameField />
            <PasswordFields />
            <Form.Item
              name="consent"
              valuePropName="checked"
              rules={[
                {
                  validator: async (_, v: boolean | undefined) => {
                    if (!v) throw new Error(t('socialRegister.consentRequired'));
                  },
                },
              ]}
            >
              <Checkbox data-testid="pub-consent">{t('socialRegister.consent')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={register.isPending} data-testid="pub-submit">
              {t('exams.registerSubmit')}
            </Button>
          </Form>
        </>
      )}
      {!register.isSuccess && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/login">{t('exams.backToLogin')}</Link>
        </div>
      )}
    </Card>
  );
}
