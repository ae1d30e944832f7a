import {
  EXAM_FORMS,
  EXAM_FORM_LABELS,
  FILING_RULES,
  NATIONAL_FEE_CAPS_FEN,
  POLICY_LEVEL_LABELS,
  POLICY_RULE_KINDS,
  type CreatePolicyRuleRequest,
  type PolicyDocumentDto,
} from '@onex/shared';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../lib/session';
import { useLang } from '../../../lib/i18n';
import { formatFen, pickLabel } from '../../../lib/money';
import { useEffectivePolicies } from '../../../lib/policies';
import { useErrorText } from '../../../lib/useErrorText';
import { useAddPolicyRule, useCreatePolicyDocument, usePolicyDocuments } from '../api';
import '../locales';

const ruleLabel = (kind: string) => FILING_RULES.find((r) => r.id === kind)?.description ?? (kind === 'fee_caps' ? '收费上限' : kind);

/** 政策文件与规则 (issue 18 #0): the documents of the actor's scope, and its own documents and rules. */
export function PoliciesPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const user = useUser();
  const docs = usePolicyDocuments();
  const errorText = useErrorText();
  const [adding, setAdding] = useState(false);
  const [ruleDoc, setRuleDoc] = useState<PolicyDocumentDto | null>(null);
  const school = user.role === 'school_admin';
  const effective = useEffectivePolicies({}, school);
  const mine = (d: PolicyDocumentDto) =>
    !d.builtIn &&
    (user.role === 'national_admin' ||
      (user.role === 'province_admin' && d.provinceCode === user.scope.provinceCode && d.level !== 'national') ||
      (school && d.level === 'school' && d.schoolId === user.scope.schoolId));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('policies.intro')} />
      {docs.error ? <Alert type="error" showIcon title={errorText(docs.error)} /> : null}
      <Card
        title={t('policies.title')}
        extra={
          ['national_admin', 'province_admin', 'school_admin'].includes(user.role) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="policy-add">
              {t('policies.add')}
            </Button>
          ) : null
        }
      >
        <Table<PolicyDocumentDto>
          size="small"
          rowKey="key"
          loading={docs.isLoading}
          dataSource={docs.data ?? []}
          pagination={false}
          data-testid="policy-documents"
          columns={[
            { title: t('policies.number'), dataIndex: 'number', key: 'number' },
            { title: t('policies.docTitle'), dataIndex: 'title', key: 'title' },
            {
              title: t('policies.level'),
              key: 'level',
              render: (_, d) => (
                <Space size={4}>
                  <Tag>{pickLabel(POLICY_LEVEL_LABELS, d.level, lang)}</Tag>
                  {d.schoolName ?? d.provinceCode ?? ''}
                  {d.builtIn && <Tag color="blue">{t('policies.builtIn')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('policies.rules'),
              key: 'rules',
              render: (_, d) => (
                <Space orientation="vertical" size={0}>
                  {d.rules.map((r) => (
                    <Typography.Text key={r.id} style={{ fontSize: 12 }}>
                      {ruleLabel(r.kind)}（{r.clause}）
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_, d) =>
                mine(d) ? (
                  <Button size="small" onClick={() => setRuleDoc(d)} data-testid="policy-add-rule">
                    {t('policies.addRule')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {school && effective.data && (
        <Card title={t('policies.inForce')} size="small">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={effective.data.filingRules}
            data-testid="policy-rules-in-force"
            columns={[
              { title: t('policies.kind'), dataIndex: 'description', key: 'd' },
              {
                title: t('policies.severity'),
                key: 's',
                render: (_, r) => <Tag color={r.severity === 'block' ? 'red' : 'gold'}>{t(`policies.${r.severity}`)}</Tag>,
              },
              { title: t('policies.source'), dataIndex: 'source', key: 'src' },
            ]}
          />
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {t('policies.feeCaps')}：
            {EXAM_FORMS.map((f) => `${pickLabel(EXAM_FORM_LABELS, f, lang)} ≤ ${formatFen(effective.data.feeCaps.capsFen[f])}`).join('；')}
            （{effective.data.feeCaps.label}）
          </Typography.Paragraph>
        </Card>
      )}
      {user.role === 'province_admin' && <ProvinceCapsCard provinceCode={user.scope.provinceCode ?? null} />}
      <AddDocumentModal open={adding} onClose={() => setAdding(false)} />
      {ruleDoc && <AddRuleModal doc={ruleDoc} onClose={() => setRuleDoc(null)} />}
    </Space>
  );
}

/** Issue 17 item 6 (R1.2): the province's caps in force beside the national ones. */
function ProvinceCapsCard({ provinceCode }: { provinceCode: string | null }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const effective = useEffectivePolicies({ provinceCode }, provinceCode !== null);
  const caps = effective.data?.feeCaps;
  return (
    <Card title={t('policies.provinceCapsTitle')} size="small" data-testid="province-fee-caps">
      <Typography.Paragraph type="secondary">{t('policies.provinceCapsIntro')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="form"
        pagination={false}
        loading={effective.isLoading}
        dataSource={EXAM_FORMS.map((form) => ({ form }))}
        columns={[
          { title: t('policies.examForm'), key: 'form', render: (_, r) => pickLabel(EXAM_FORM_LABELS, r.form, lang) },
          { title: t('policies.nationalCap'), key: 'national', align: 'right', render: (_, r) => formatFen(NATIONAL_FEE_CAPS_FEN[r.form]) },
          {
            title: t('policies.provinceCap'),
            key: 'province',
            align: 'right',
            render: (_, r) => {
              const v = caps?.capsFen[r.form];
              return v !== undefined && v < NATIONAL_FEE_CAPS_FEN[r.form] ? (
                <Typography.Text strong>{formatFen(v)}</Typography.Text>
              ) : (
                formatFen(v)
              );
            },
          },
        ]}
      />
      {caps && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('policies.capsBasis')}：{caps.label}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function AddDocumentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreatePolicyDocument();
  const [form] = Form.useForm<{ number: string; title: string; issuer: string }>();
  const jurisdiction =
    user.role === 'school_admin'
      ? { level: 'school' as const, schoolId: user.scope.schoolId! }
      : user.role === 'province_admin'
        ? { level: 'province' as const, provinceCode: user.scope.provinceCode! }
        : { level: 'national' as const };
  return (
    <Modal
      open={open}
      title={`${t('policies.add')}（${t(user.role === 'school_admin' ? 'policies.schoolDoc' : 'policies.provinceDoc')}）`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            { ...v, jurisdiction },
            {
              onSuccess: () => {
                void message.success(t('policies.created'));
                form.resetFields();
                onClose();
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
      >
        <Form.Item name="number" label={t('policies.number')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="policy-number" />
        </Form.Item>
        <Form.Item name="title" label={t('policies.docTitle')} rules={[{ required: true, max: 300 }]}>
          <Input data-testid="policy-title" />
        </Form.Item>
        <Form.Item name="issuer" label={t('policies.issuer')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="policy-issuer" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AddRuleModal({ doc, onClose }: { doc: PolicyDocumentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const add = useAddPolicyRule(doc.key);
  const [form] = Form.useForm<{
    kind: string;
    clause: string;
    severity?: 'block' | 'warn';
    params?: string;
    caps?: Record<string, number>;
  }>();
  const kind = Form.useWatch('kind', form);
  const kinds = POLICY_RULE_KINDS.filter((k) => k !== 'fee_caps' || doc.level !== 'school');
  const finish = (v: { kind: string; clause: string; severity?: 'block' | 'warn'; params?: string; caps?: Record<string, number> }) => {
    let params: Record<string, unknown> = {};
    if (v.kind === 'fee_caps') params = Object.fromEntries(EXAM_FORMS.map((f) => [f, Math.round((v.caps?.[f] ?? 0) * 100)]));
    else if (v.params?.trim()) {
      try {
        params = JSON.parse(v.params) as Record<string, unknown>;
      } catch {
        void message.error(t('policies.paramsInvalid'));
        return;
      }
    }
    const body: CreatePolicyRuleRequest = {
      kind: v.kind as CreatePolicyRuleRequest['kind'],
      clause: v.clause,
      severity: v.severity ?? null,
      params,
    };
    add.mutate(body, {
      onSuccess: () => {
        void message.success(t('policies.created'));
        onClose();
      },
      onError: (e) => void message.error(errorText(e)),
    });
  };
  return (
    <Modal
      open
      title={`${t('policies.addRule')}：${doc.number}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
    >
      <Form form={form} layout="vertical" onFinish={finish}>
        <Form.Item name="kind" label={t('policies.kind')} rules={[{ required: true }]}>
          <Select options={kinds.map((k) => ({ value: k, label: ruleLabel(k) }))} data-testid="policy-rule-kind" />
        </Form.Item>
        <Form.Item name="clause" label={t('policies.clause')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="policy-rule-clause" />
        </Form.Item>
        {kind === 'fee_caps' ? (
          <Form.Item
            label={t('policies.caps')}
            extra={t('policies.capsHint', {
              caps: EXAM_FORMS.map((f) => `${pickLabel(EXAM_FORM_LABELS, f, lang)} ${formatFen(NATIONAL_FEE_CAPS_FEN[f])}`).join('、'),
            })}
          >
            <Space wrap>
              {EXAM_FORMS.map((f) => (
                <Form.Item key={f} name={['caps', f]} noStyle rules={[{ required: true }]}>
                  <InputNumber
                    min={0}
                    max={NATIONAL_FEE_CAPS_FEN[f] / 100}
                    precision={2}
                    placeholder={pickLabel(EXAM_FORM_LABELS, f, lang)}
                    data-testid={`policy-cap-${f}`}
                  />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
        ) : (
          <>
            <Form.Item name="severity" label={t('policies.severity')}>
              <Select
                allowClear
                options={[
                  { value: 'block', label: t('policies.block') },
                  { value: 'warn', label: t('policies.warn') },
                ]}
              />
            </Form.Item>
            <Form.Item name="params" label={t('policies.params')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
