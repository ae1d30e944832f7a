import { ArrowLeftOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import {
  CERTIFICATE_TYPE_ACTION_LABELS,
  certificateTypeTransition,
  type CertificateTypeAction,
  type CertificateTypeDetailDto,
  type CertificateTypeField,
  type UpdateCertificateTypeRequest,
} from '@onex/shared';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Result, Select, Skeleton, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../lib/api';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText, useFormErrors } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { useOrgs } from '../../../lib/orgs';
import {
  useBatches,
  useCertificateType,
  useMajorsCatalog,
  useTransition,
  useUpdateCertificateType,
  useUploadStandardDocument,
} from '../api';
import { CertificateStatusTag, ContactsView, LevelsTable, StandardDocumentsList, ToBeConfirmedTag } from './bits';
import { LevelsEditor } from './LevelsEditor';

const TRANSITION_ORDER: readonly CertificateTypeAction[] = ['publish', 'resume', 'suspend', 'withdraw'];

type InfoValues = Required<
  Pick<UpdateCertificateTypeRequest, 'code' | 'name' | 'orgId' | 'batchCode' | 'majorIds' | 'detailsToBeConfirmed'>
> & {
  description: string;
  targetGroup: string;
  awardRequirements: string;
};

function initialValues(c: CertificateTypeDetailDto): InfoValues {
  return {
    code: c.code,
    name: c.name,
    orgId: c.organization.id,
    batchCode: c.batchCode,
    majorIds: c.majorIds,
    detailsToBeConfirmed: c.detailsToBeConfirmed,
    description: c.description ?? '',
    targetGroup: c.targetGroup ?? '',
    awardRequirements: c.awardRequirements ?? '',
  };
}

/** The fields that changed, limited to the editable ones; empty texts become null. */
function changes(c: CertificateTypeDetailDto, v: InfoValues, editable: readonly string[]): UpdateCertificateTypeRequest {
  const before = initialValues(c);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v) as (keyof InfoValues)[]) {
    if (!editable.includes(key)) continue;
    const now = v[key];
    if (JSON.stringify(now) === JSON.stringify(before[key])) continue;
    const isText = key === 'description' || key === 'targetGroup' || key === 'awardRequirements';
    out[key] = isText && typeof now === 'string' && now.trim() === '' ? null : now;
  }
  return out as UpdateCertificateTypeRequest;
}

function InfoForm({ type, onDone }: { type: CertificateTypeDetailDto; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const [form] = Form.useForm<InfoValues>();
  const update = useUpdateCertificateType();
  const batches = useBatches();
  const majors = useMajorsCatalog();
  const orgs = useOrgs({ page: 1, pageSize: 200 }, user.role === 'national_admin');
  const errorText = useErrorText();
  const showFieldErrors = useFormErrors();
  const fieldLabel = useFieldLabel();
  const editable = type.editableFields as readonly string[];
  const locked = (f: CertificateTypeField) => !editable.includes(f);

  const majorOptions = (() => {
    const opts = new Map<string, string>();
    for (const m of majors.data ?? []) opts.set(m.id, `${m.code ?? ''} ${m.name}（${m.educationLevel}）`.trim());
    type.majorIds.forEach((id, i) => {
      if (!opts.has(id)) opts.set(id, type.majors[i]?.name ?? id);
    });
    return [...opts].map(([value, label]) => ({ value, label }));
  })();

  const forbiddenFields =
    update.error instanceof ApiError && update.error.code === 'FORBIDDEN' && Array.isArray(update.error.details.fields)
      ? (update.error.details.fields as string[])
      : [];

  return (
    <Form<InfoValues>
      form={form}
      layout="vertical"
      initialValues={initialValues(type)}
      onFinish={(v) => {
        const body = changes(type, v, editable);
        if (!Object.keys(body).length) {
          onDone();
          return;
        }
        update.mutate(
          { id: type.id, body },
          {
            onSuccess: () => {
              void message.success(t('certTypes.savedOk'));
              onDone();
            },
            onError: (err) => showFieldErrors(form, err, { CERTIFICATE_TYPE_CODE_TAKEN: 'code' }),
          },
        );
      }}
      data-testid="ct-info-form"
    >
      {update.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorText(update.error)}
          description={
            forbiddenFields.length ? t('certTypes.forbiddenFields', { fields: forbiddenFields.map(fieldLabel).join('、') }) : undefined
          }
          data-testid="ct-save-error"
        />
      )}
      {editable.length < 9 && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('certTypes.partlyEditable')} />}
      <Space wrap size="large" style={{ display: 'flex' }}>
        <Form.Item name="code" label={t('certTypes.code')} rules={[{ required: true, whitespace: true }]} style={{ width: 220 }}>
          <Input disabled={locked('code')} maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={t('certTypes.name')} rules={[{ required: true, whitespace: true }]} style={{ width: 320 }}>
          <Input disabled={locked('name')} maxLength={100} />
        </Form.Item>
        <Form.Item name="batchCode" label={t('certTypes.batch')} style={{ width: 160 }}>
          <Select disabled={locked('batchCode')} options={(batches.data ?? []).map((b) => ({ value: b.code, label: b.name }))} />
        </Form.Item>
      </Space>
      <Form.Item name="orgId" label={t('certTypes.organization')}>
        <Select
          disabled={locked('orgId')}
          showSearch={{ optionFilterProp: 'label' }}
          options={
            orgs.data?.items.length
              ? orgs.data.items.map((o) => ({ value: o.id, label: o.name }))
              : [{ value: type.organization.id, label: type.organization.name }]
          }
        />
      </Form.Item>
      <Form.Item name="description" label={t('catalog.description')}>
        <Input.TextArea
          disabled={locked('description')}
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={5000}
          showCount
          data-testid="ct-description"
        />
      </Form.Item>
      <Form.Item name="targetGroup" label={t('catalog.targetGroup')}>
        <Input.TextArea disabled={locked('targetGroup')} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
      <Form.Item name="awardRequirements" label={t('catalog.awardRequirements')}>
        <Input.TextArea disabled={locked('awardRequirements')} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
      </Form.Item>
      <Form.Item name="majorIds" label={t('catalog.majors')}>
        <Select
          mode="multiple"
          disabled={locked('majorIds')}
          loading={majors.isFetching}
          showSearch={{ optionFilterProp: 'label' }}
          options={majorOptions}
        />
      </Form.Item>
      {!locked('detailsToBeConfirmed') && (
        <Form.Item name="detailsToBeConfirmed" valuePropName="checked">
          <Checkbox>{t('certTypes.detailsToBeConfirmed')}</Checkbox>
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="ct-info-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function useFieldLabel() {
  const { t } = useTranslation();
  const labels: Record<string, string> = {
    code: t('certTypes.code'),
    name: t('certTypes.name'),
    orgId: t('certTypes.organization'),
    batchCode: t('certTypes.batch'),
    description: t('catalog.description'),
    targetGroup: t('catalog.targetGroup'),
    awardRequirements: t('catalog.awardRequirements'),
    majorIds: t('catalog.majors'),
    detailsToBeConfirmed: t('certTypes.detailsToBeConfirmed'),
    levels: t('catalog.levelsAndCaps'),
    standardDocuments: t('catalog.standardDocuments'),
  };
  return (f: string) => labels[f] ?? f;
}

function TransitionModal({
  type,
  action,
  onClose,
}: {
  type: CertificateTypeDetailDto;
  action: CertificateTypeAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const transition = useTransition();
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  if (!action) return null;
  const rule = certificateTypeTransition(action);
  const label = pickLabel(CERTIFICATE_TYPE_ACTION_LABELS, action, lang);
  const missing = rule.commentRequired && !comment.trim();
  return (
    <Modal
      open
      title={t('certTypes.transitionTitle', { action: label, name: type.name })}
      okText={label}
      okButtonProps={{ danger: action === 'withdraw' || action === 'suspend', 'data-testid': 'transition-ok' } as never}
      cancelText={t('common.cancel')}
      confirmLoading={transition.isPending}
      onCancel={onClose}
      onOk={() => {
        setTouched(true);
        if (missing) return;
        transition.mutate(
          { id: type.id, action, comment: comment.trim() || undefined },
          {
            onSuccess: () => {
              void message.success(t('certTypes.transitionOk', { action: label }));
              onClose();
            },
          },
        );
      }}
    >
      {transition.isError && <Alert type="error" showIcon title={errorText(transition.error)} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>{t(`certTypes.transitionHint.${action}`)}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item
          label={t('certTypes.comment')}
          required={rule.commentRequired}
          validateStatus={touched && missing ? 'error' : undefined}
          help={touched && missing ? t('certTypes.commentRequired') : undefined}
        >
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={1000}
            autoSize={{ minRows: 3 }}
            placeholder={rule.commentRequired ? t('certTypes.commentPlaceholderRequired') : t('certTypes.commentPlaceholder')}
            data-testid="transition-comment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UploadDocument({ type }: { type: CertificateTypeDetailDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useUploadStandardDocument();
  const [file, setFile] = useState<File | null>(null);
  const [version, setVersion] = useState('');
  return (
    <div data-testid="upload-document">
      {upload.isError && (
        <Alert type="error" showIcon title={errorText(upload.error)} style={{ marginBottom: 12 }} data-testid="upload-error" />
      )}
      <Space wrap align="start">
        <Input
          style={{ width: 200 }}
          placeholder={t('certTypes.versionPlaceholder')}
          value={version}
          maxLength={50}
          onChange={(e) => setVersion(e.target.value)}
          data-testid="upload-version"
        />
        <Upload
          accept=".pdf,application/pdf"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            upload.reset();
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <Button icon={<UploadOutlined />} data-testid="upload-choose">
            {t('certTypes.choosePdf')}
          </Button>
        </Upload>
        <Button
          type="primary"
          disabled={!file || !version.trim()}
          loading={upload.isPending}
          onClick={() =>
            file &&
            upload.mutate(
              { id: type.id, file, version: version.trim() },
              {
                onSuccess: () => {
                  void message.success(t('certTypes.uploadedOk'));
                  setFile(null);
                  setVersion('');
                },
              },
            )
          }
          data-testid="upload-submit"
        >
          {t('certTypes.upload')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('certTypes.uploadHint')}
      </Typography.Paragraph>
    </div>
  );
}

export function CertificateTypeDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { lang } = useLang();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const q = useCertificateType(id);
  const [editing, setEditing] = useState(false);
  const [editingLevels, setEditingLevels] = useState(false);
  const [action, setAction] = useState<CertificateTypeAction | null>(null);

  if (q.isError)
    return q.error instanceof ApiError && q.error.status === 404 ? (
      <Result
        status="404"
        title={t('catalog.notFound')}
        extra={<Button onClick={() => navigate('/certificate-types')}>{t('certTypes.backToList')}</Button>}
      />
    ) : (
      <Alert type="error" showIcon title={errorText(q.error)} />
    );
  const c = q.data;
  if (!c)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const can = (a: string) => (c.allowedActions as readonly string[]).includes(a);
  const transitions = TRANSITION_ORDER.filter(can);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/certificate-types')}>
        {t('certTypes.backToList')}
      </Button>
      <Card>
        <div className="page-header" style={{ marginBottom: 0 }}>
          <Space align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="ct-title">
              {c.name}
            </Typography.Title>
            <Typography.Text type="secondary">{c.code}</Typography.Text>
            <CertificateStatusTag status={c.status} />
            <ToBeConfirmedTag show={c.detailsToBeConfirmed} />
          </Space>
          <Space wrap>
            {transitions.map((a) => (
              <Button
                key={a}
                type={a === 'publish' || a === 'resume' ? 'primary' : 'default'}
                danger={a === 'withdraw' || a === 'suspend'}
                onClick={() => setAction(a)}
                data-testid={`transition-${a}`}
              >
                {pickLabel(CERTIFICATE_TYPE_ACTION_LABELS, a, lang)}
              </Button>
            ))}
          </Space>
        </div>
        <Typography.Text type="secondary">
          {t('certTypes.organization')}：{c.organization.name}
          <ToBeConfirmedTag show={c.organizationToBeConfirmed} /> · {t('certTypes.batch')}：{c.batch}
        </Typography.Text>
      </Card>
      <Card
        title={t('certTypes.basicInfo')}
        extra={
          can('edit') && !editing ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="ct-edit">
              {t('certTypes.edit')}
            </Button>
          ) : null
        }
      >
        {editing ? (
          <InfoForm type={c} onDone={() => setEditing(false)} />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{t('catalog.description')}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="ct-description-view">
              {c.description || t('common.none')}
            </Typography.Paragraph>
            <Typography.Text strong>{t('catalog.targetGroup')}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.targetGroup || t('common.none')}</Typography.Paragraph>
            <Typography.Text strong>{t('catalog.awardRequirements')}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.awardRequirements || t('common.none')}</Typography.Paragraph>
            <Typography.Text strong>{t('catalog.majors')}</Typography.Text>
            <Typography.Paragraph>
              {c.majors.map((m) => (m.code ? `${m.code} ${m.name}` : m.name)).join('、') || t('common.none')}
            </Typography.Paragraph>
          </Space>
        )}
      </Card>
      <Card
        title={t('catalog.levelsAndCaps')}
        extra={
          can('editLevels') && !editingLevels ? (
            <Button icon={<EditOutlined />} onClick={() => setEditingLevels(true)} data-testid="ct-edit-levels">
              {t('certTypes.editLevels')}
            </Button>
          ) : null
        }
      >
        {editingLevels ? (
          <LevelsEditor type={c} onDone={() => setEditingLevels(false)} />
        ) : c.levels.length ? (
          <LevelsTable levels={c.levels} />
        ) : (
          <Typography.Text type="secondary">{t('certTypes.noLevels')}</Typography.Text>
        )}
      </Card>
      <Card title={t('catalog.standardDocuments')}>
        {can('uploadStandardDocument') && <UploadDocument type={c} />}
        <StandardDocumentsList docs={c.standardDocuments} />
      </Card>
      <Card title={t('catalog.contacts')}>
        <ContactsView contacts={c.contacts} />
      </Card>
      <TransitionModal key={action ?? 'none'} type={c} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}
