import {
  CheckCircleTwoTone,
  CloseCircleTwoTone,
  MinusCircleTwoTone,
  SafetyCertificateOutlined,
  SearchOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { type CredentialCheckDto, certificateNumberProblem, certificateNumberSuggestion, normalizeCertificateNumber } from '@onex/shared';
import { Alert, Button, Card, Form, Input, List, Space, Tabs, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../lib/api';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useCheckCredential, useVerify } from '../api';
import { parseCredentialText } from '../certificate-helpers';
import { PublicCertificateView } from './bits';

/** 证书查询 (R6.2, public): by number + holder name, or a credential file's checks. */
export function VerifyPage() {
  const { t } = useTranslation();
  return (
    <Card style={{ maxWidth: 980, margin: '0 auto' }}>
      <div className="page-header">
        <Typography.Title level={3}>
          <SafetyCertificateOutlined style={{ marginInlineEnd: 8 }} />
          {t('certificates.verifyTitle')}
        </Typography.Title>
        <Space>
          <Link to="/catalog" data-testid="verify-catalog-link">
            {t('certificates.catalogLink')}
          </Link>
          <Link to="/complaints" data-testid="verify-complaints-link">
            {t('supervision.complaintsLink')}
          </Link>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('certificates.verifyIntro')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'number', label: t('certificates.tabByNumber'), children: <VerifyByNumber /> },
          { key: 'file', label: t('certificates.tabByFile'), children: <CheckCredentialFile /> },
        ]}
      />
    </Card>
  );
}

function VerifyByNumber() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ number: string; name: string }>();
  const verify = useVerify();
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const notFound = verify.error instanceof ApiError && verify.error.code === 'CERTIFICATE_NOT_FOUND';
  const typed = Form.useWatch('number', form);
  const suggestion = typed ? certificateNumberSuggestion(typed) : null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) =>
          verify.mutate(
            { number: normalizeCertificateNumber(v.number), name: v.name.trim() },
            { onError: (err) => void showFieldErrors(form, err, {}, ['number', 'name']) },
          )
        }
        style={{ rowGap: 12 }}
      >
        <Form.Item
          name="number"
          label={t('certificates.number')}
          rules={[
            { required: true, whitespace: true, message: t('certificates.numberRequired') },
            {
              validator: async (_, v: string | undefined) => {
                const problem = v?.trim() ? certificateNumberProblem(v) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input
            placeholder={t('certificates.numberPlaceholder')}
            maxLength={40}
            style={{ width: 240 }}
            autoComplete="off"
            data-testid="verify-number"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('certificates.holder')}
          rules={[{ required: true, whitespace: true, message: t('certificates.nameRequired') }]}
        >
          <Input
            placeholder={t('certificates.namePlaceholder')}
            maxLength={50}
            style={{ width: 180 }}
            autoComplete="off"
            data-testid="verify-name"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={verify.isPending} data-testid="verify-submit">
            {t('certificates.verifyButton')}
          </Button>
        </Form.Item>
      </Form>

      {suggestion && (
        <Alert
          type="info"
          showIcon
          data-testid="verify-suggestion"
          title={
            <Space>
              {t('certificates.didYouMean')}
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={() => void form.setFieldValue('number', suggestion) /* validated again on submit */}
              >
                {suggestion}
              </Button>
            </Space>
          }
        />
      )}
      {verify.data && !verify.isPending && <PublicCertificateView result={verify.data.result} certificate={verify.data.certificate} />}
      {verify.isError &&
        (notFound ? (
          <Alert
            type="warning"
            showIcon
            title={t('certificates.notFoundTitle')}
            description={errorText(verify.error)}
            data-testid="verify-not-found"
          />
        ) : (
          <Alert type="error" showIcon title={errorText(verify.error)} data-testid="verify-error" />
        ))}
    </Space>
  );
}

function CheckCredentialFile() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const check = useCheckCredential();
  const errorText = useErrorText();

  function run(value: string) {
    const parsed = parseCredentialText(value);
    if (!parsed.ok) {
      check.reset();
      setProblem(
        t(
          parsed.reason === 'empty'
            ? 'certificates.fileEmpty'
            : parsed.reason === 'json'
              ? 'certificates.fileNotJson'
              : 'certificates.fileNotObject',
        ),
      );
      return;
    }
    setProblem(null);
    check.mutate(parsed.credential);
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('certificates.fileIntro')}
      </Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={8}
        placeholder={t('certificates.filePaste')}
        aria-label={t('certificates.filePaste')}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        data-testid="credential-text"
      />
      <Space wrap>
        <Upload
          accept=".json,application/json,application/vc+json"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((content) => {
              setText(content);
              run(content);
            });
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="credential-upload">
            {t('certificates.fileUpload')}
          </Button>
        </Upload>
        <Button type="primary" onClick={() => run(text)} loading={check.isPending} data-testid="credential-check">
          {t('certificates.fileCheck')}
        </Button>
      </Space>
      {problem && <Alert type="error" showIcon title={problem} />}
      {check.isError && <Alert type="error" showIcon title={errorText(check.error)} />}
      {check.data && <CheckOutcome outcome={check.data} />}
    </Space>
  );
}

/** The credential check step by step (格式、签名、签发机构、信任列表、撤销状态): each passed, failed or not checked. */
function CheckOutcome({ outcome }: { outcome: CredentialCheckDto }) {
  const { t } = useTranslation();
  const rows: { key: keyof CredentialCheckDto['checks']; label: string; explain: string }[] = [
    { key: 'format', label: t('certificates.checkFormat'), explain: t('certificates.checkFormatExplain') },
    { key: 'signature', label: t('certificates.checkSignature'), explain: t('certificates.checkSignatureExplain') },
    { key: 'issuerKnown', label: t('certificates.checkIssuer'), explain: t('certificates.checkIssuerExplain') },
    { key: 'trustList', label: t('certificates.checkTrustList'), explain: t('certificates.checkTrustListExplain') },
    { key: 'notRevoked', label: t('certificates.checkRevocation'), explain: t('certificates.checkRevocationExplain') },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="credential-outcome">
      <Alert type={outcome.valid ? 'success' : 'error'} showIcon title={outcome.message} />
      {outcome.legacyFormat && <Alert type="warning" showIcon title={t('certificates.legacyFormat')} data-testid="legacy-format" />}
      <List
        bordered
        size="small"
        dataSource={rows}
        renderItem={(r) => {
          const ok = outcome.checks[r.key];
          return (
            <List.Item data-testid={`check-${r.key}`} data-ok={String(ok)}>
              <List.Item.Meta
                avatar={
                  ok === null ? (
                    <MinusCircleTwoTone twoToneColor="#bfbfbf" />
                  ) : ok ? (
                    <CheckCircleTwoTone twoToneColor="#52c41a" />
                  ) : (
                    <CloseCircleTwoTone twoToneColor="#ff4d4f" />
                  )
                }
                title={r.label}
                description={r.explain}
              />
              <Typography.Text type={ok === null ? 'secondary' : ok ? 'success' : 'danger'}>
                {t(ok === null ? 'certificates.checkSkipped' : ok ? 'certificates.checkPassed' : 'certificates.checkFailed')}
              </Typography.Text>
            </List.Item>
          );
        }}
      />
      {outcome.certificate && (
        <PublicCertificateView result={outcome.certificate.revokedOn ? 'revoked' : 'valid'} certificate={outcome.certificate} />
      )}
    </Space>
  );
}
