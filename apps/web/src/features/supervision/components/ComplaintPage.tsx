import { FileSearchOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_SUBJECT_TYPES,
  COMPLAINT_SUBJECT_TYPE_LABELS,
  COMPLAINT_ATTACHMENT_MAX_FILES,
  COMPLAINT_VERDICT_LABELS,
  type ComplaintSubjectType,
  type CreateComplaintRequest,
} from '@onex/shared';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Select, Space, Tabs, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { uploadComplaintAttachments, useComplaintSubjects, useFileComplaint, useTrackComplaint } from '../api';
import '../locales';

/** 投诉举报 (R8.5): anyone files a complaint without an account and follows it by its tracking code. */
export function ComplaintPage() {
  const { t } = useTranslation();
  return (
    <Card style={{ maxWidth: 980, margin: '0 auto' }}>
      <div className="page-header">
        <Typography.Title level={3}>{t('supervision.complaintsTitle')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('supervision.complaintsIntro')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'file', label: t('supervision.fileTab'), children: <FileComplaint /> },
          { key: 'track', label: t('supervision.trackTab'), children: <TrackComplaint /> },
        ]}
      />
    </Card>
  );
}

function FileComplaint() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [form] = Form.useForm<CreateComplaintRequest>();
  const [type, setType] = useState<ComplaintSubjectType>('school');
  const [search, setSearch] = useState('');
  const subjects = useComplaintSubjects(type, search);
  const file = useFileComplaint();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [attached, setAttached] = useState<{ count: number } | { error: unknown } | null>(null);

  if (file.data) {
    return (
      <Result
        status="success"
        title={t('supervision.filed')}
        subTitle={t('supervision.keepCode')}
        extra={
          <Space orientation="vertical">
            <Typography.Title level={3} copyable data-testid="tracking-code">
              {file.data.trackingCode}
            </Typography.Title>
            {attached && 'count' in attached && (
              <Typography.Text type="success">{t('sup.attachDone', { count: attached.count })}</Typography.Text>
            )}
            {attached && 'error' in attached && (
              <Alert type="warning" showIcon title={t('sup.attachFailed', { error: errorText(attached.error) })} />
            )}
          </Space>
        }
      />
    );
  }
  // The complaint is filed first (the api-v1 JSON call), then its files are sent with the tracking code.
  const submit = (v: CreateComplaintRequest) =>
    file.mutate(v, {
      onSuccess: ({ trackingCode }) => {
        const chosen = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
        if (chosen.length === 0) return;
        uploadComplaintAttachments(trackingCode, chosen).then(
          (r) => setAttached({ count: r.items.length }),
          (error: unknown) => setAttached({ error }),
        );
      },
    });
  return (
    <Form<CreateComplaintRequest>
      form={form}
      layout="vertical"
      onFinish={submit}
      style={{ maxWidth: 640 }}
      initialValues={{ subjectType: 'school' }}
    >
      <Form.Item name="category" label={t('supervision.category')} rules={[{ required: true, message: t('supervision.categoryRequired') }]}>
        <Select
          data-testid="complaint-category"
          options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: pickLabel(COMPLAINT_CATEGORY_LABELS, c, lang) }))}
        />
      </Form.Item>
      <Form.Item name="subjectType" label={t('supervision.subjectType')}>
        <Select
          options={COMPLAINT_SUBJECT_TYPES.map((s) => ({ value: s, label: pickLabel(COMPLAINT_SUBJECT_TYPE_LABELS, s, lang) }))}
          onChange={(v: ComplaintSubjectType) => {
            setType(v);
            form.setFieldValue('subjectId', undefined);
          }}
        />
      </Form.Item>
      <Form.Item name="subjectId" label={t('supervision.subject')} rules={[{ required: true, message: t('supervision.subjectRequired') }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: (v) => setSearch(v.slice(0, 50)) }}
          placeholder={t('supervision.subjectPlaceholder')}
          loading={subjects.isFetching}
          notFoundContent={search ? t('supervision.noSubject') : null}
          options={(subjects.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          data-testid="complaint-subject"
        />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('supervision.content')}
        rules={[
          { required: true, whitespace: true, message: t('supervision.contentRequired') },
          { min: 10, message: t('supervision.contentMin') },
        ]}
      >
        <Input.TextArea rows={6} maxLength={2000} showCount data-testid="complaint-content" />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item name="contactName" label={t('supervision.contactName')}>
          <Input maxLength={50} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('supervision.contactPhone')}>
          <Input maxLength={20} style={{ width: 200 }} />
        </Form.Item>
      </Space>
      <Typography.Paragraph type="secondary">{t('supervision.contactNote')}</Typography.Paragraph>
      <Form.Item label={t('sup.attach')} extra={t('sup.attachHint')}>
        <div data-testid="complaint-attachments">
          <Upload
            multiple
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            maxCount={COMPLAINT_ATTACHMENT_MAX_FILES}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList.slice(0, COMPLAINT_ATTACHMENT_MAX_FILES))}
          >
            <Button icon={<PaperClipOutlined />} disabled={files.length >= COMPLAINT_ATTACHMENT_MAX_FILES}>
              {t('sup.attachChoose')}
            </Button>
          </Upload>
        </div>
      </Form.Item>
      {file.isError && <Alert type="error" showIcon title={errorText(file.error)} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={file.isPending} data-testid="complaint-submit">
        {t('supervision.submit')}
      </Button>
    </Form>
  );
}

function TrackComplaint() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const track = useTrackComplaint();
  const [code, setCode] = useState('');
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space.Compact style={{ maxWidth: 480 }}>
        <Input
          placeholder={t('supervision.codePlaceholder')}
          value={code}
          maxLength={40}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={() => code.trim() && track.mutate(code.trim())}
          data-testid="track-code"
        />
        <Button
          type="primary"
          icon={<FileSearchOutlined />}
          onClick={() => code.trim() && track.mutate(code.trim())}
          data-testid="track-submit"
        >
          {t('supervision.track')}
        </Button>
      </Space.Compact>
      {track.isError && <Alert type="warning" showIcon title={errorText(track.error)} data-testid="track-error" />}
      {track.data && (
        <Descriptions bordered column={1} size="small" data-testid="track-result">
          <Descriptions.Item label={t('supervision.code')}>{track.data.trackingCode}</Descriptions.Item>
          <Descriptions.Item label={t('supervision.category')}>
            {pickLabel(COMPLAINT_CATEGORY_LABELS, track.data.category, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.status')}>
            <span data-testid="track-status">{pickLabel(COMPLAINT_STATUS_LABELS, track.data.status, lang)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.filedAt')}>{new Date(track.data.filedAt).toLocaleString('zh-CN')}</Descriptions.Item>
          <Descriptions.Item label={t('supervision.deadline')}>{track.data.deadline}</Descriptions.Item>
          {track.data.reply && <Descriptions.Item label={t('supervision.reply')}>{track.data.reply}</Descriptions.Item>}
          {track.data.verdict && (
            <Descriptions.Item label={t('sup.verdict')}>
              <span data-testid="track-verdict">{pickLabel(COMPLAINT_VERDICT_LABELS, track.data.verdict, lang)}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Space>
  );
}
