import { UploadOutlined } from '@ant-design/icons';
import { type TypicalCaseDetailDto, caseCharCount } from '@onex/shared';
import { Alert, App, Button, Card, Descriptions, Form, Image, Input, InputNumber, Space, Spin, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useErrorText } from '../../../lib/useErrorText';
import { useUser } from '../../../lib/session';
import { caseApi, useCase, useCaseMutation } from '../api';
import '../locales';

type Text = { title: string; category: string; background: string; measures: string; outcomes: string };

/** One typical case: the school edits its draft, uploads and submits; the province scores and selects (R9.2). */
export function CasePage() {
  const { id = '' } = useParams();
  const q = useCase(id);
  if (!q.data) return <Spin />;
  return <CaseView c={q.data} />;
}

function CaseView({ c }: { c: TypicalCaseDetailDto }) {
  const { t } = useTranslation();
  const me = useUser();
  const editable = me.role === 'school_admin' && c.status === 'draft';
  const reviewer = me.role === 'province_admin' && c.status !== 'draft';
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>
        {c.title} <Tag data-testid="case-status">{t(`cases.st.${c.status}`)}</Tag>
      </Typography.Title>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('cases.school')}>{c.schoolName}</Descriptions.Item>
        <Descriptions.Item label={t('cases.collectionTitle')}>{c.collectionTitle}</Descriptions.Item>
        <Descriptions.Item label={t('cases.deadline')}>{c.deadline}</Descriptions.Item>
        <Descriptions.Item label={t('cases.category')}>{c.category}</Descriptions.Item>
        <Descriptions.Item label={t('cases.charCount')}>{c.charCount}</Descriptions.Item>
        <Descriptions.Item label={t('cases.totalScore')}>{c.totalScore ?? '—'}</Descriptions.Item>
      </Descriptions>
      {editable ? <DraftEditor c={c} /> : <CaseText c={c} />}
      <Files c={c} editable={editable} />
      {reviewer && <Review c={c} />}
    </Space>
  );
}

function CaseText({ c }: { c: TypicalCaseDetailDto }) {
  const { t } = useTranslation();
  return (
    <Card>
      {(['background', 'measures', 'outcomes'] as const).map((k) => (
        <div key={k}>
          <Typography.Title level={5}>{t(`cases.${k}`)}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c[k]}</Typography.Paragraph>
        </div>
      ))}
    </Card>
  );
}

function DraftEditor({ c }: { c: TypicalCaseDetailDto }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Text>();
  const [count, setCount] = useState(c.charCount);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const save = useCaseMutation(c.id, (v: Text) => caseApi.update(c.id, v as never));
  const submit = useCaseMutation(c.id, () => caseApi.submit(c.id));
  useEffect(() => form.setFieldsValue(c), [c, form]);
  const recount = () => {
    const v = form.getFieldsValue();
    setCount(caseCharCount([v.title, v.background, v.measures, v.outcomes].join('\n')));
  };
  return (
    <Card
      title={t('cases.write')}
      extra={
        <Typography.Text type={count > 3000 ? 'danger' : 'secondary'} data-testid="case-count">
          {t('cases.count', { n: count })}
        </Typography.Text>
      }
    >
      <Typography.Paragraph type="secondary">{t('cases.countRule')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={c} onValuesChange={recount}>
        <Form.Item name="title" label={t('cases.caseTitle')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="category" hidden>
          <Input />
        </Form.Item>
        {(['background', 'measures', 'outcomes'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t(`cases.${k}`)}>
            <Input.TextArea rows={5} data-testid={`case-${k}`} />
          </Form.Item>
        ))}
      </Form>
      {c.problems.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          message={t('cases.problems')}
          description={
            <ul data-testid="case-problems" style={{ margin: 0 }}>
              {c.problems.map((p) => (
                <li key={p.code}>{p.message}</li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon message={t('cases.ready', { deadline: c.deadline })} />
      )}
      <Space style={{ marginTop: 16 }}>
        <Button
          loading={save.isPending}
          data-testid="case-save"
          onClick={() =>
            void form.validateFields().then((v) =>
              save.mutate(v, {
                onSuccess: () => void message.success(t('cases.saved')),
                onError: (e) => void message.error(errorText(e)),
              }),
            )
          }
        >
          {t('cases.save')}
        </Button>
        <Button
          type="primary"
          loading={submit.isPending}
          data-testid="case-submit"
          onClick={() =>
            submit.mutate(undefined, {
              onSuccess: () => void message.success(t('cases.submitted')),
              onError: (e) => void message.error(errorText(e)),
            })
          }
        >
          {t('cases.submit')}
        </Button>
      </Space>
    </Card>
  );
}

function Files({ c, editable }: { c: TypicalCaseDetailDto; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useCaseMutation(c.id, (v: { kind: 'images' | 'pdf' | 'word'; file: File }) => caseApi.upload(c.id, v.kind, v.file));
  const remove = useCaseMutation(c.id, (fileId: string) => caseApi.removeImage(c.id, fileId));
  const picker = (kind: 'images' | 'pdf' | 'word', label: string, accept: string) => (
    <Upload
      accept={accept}
      showUploadList={false}
      beforeUpload={(file) => {
        upload.mutate({ kind, file }, { onError: (e) => void message.error(errorText(e)) });
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} data-testid={`upload-${kind}`}>
        {label}
      </Button>
    </Upload>
  );
  return (
    <Card title={`${t('cases.images')} / ${t('cases.files')}`}>
      <Space wrap size="large">
        {c.images.map((i) => (
          <Space key={i.fileId} direction="vertical" align="center">
            <Image width={200} src={`/api/v1/files/${i.fileId}`} alt={i.caption ?? i.name} />
            <Typography.Text type="secondary">{i.caption ?? i.name}</Typography.Text>
            {editable && (
              <Button size="small" danger onClick={() => remove.mutate(i.fileId, { onError: (e) => void message.error(errorText(e)) })}>
                {t('cases.remove')}
              </Button>
            )}
          </Space>
        ))}
      </Space>
      <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('cases.pdf')}>
          {c.pdf ? <a href={`/api/v1/files/${c.pdf.fileId}`}>{c.pdf.name}</a> : t('cases.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.word')}>
          {c.word ? <a href={`/api/v1/files/${c.word.fileId}`}>{c.word.name}</a> : t('cases.none')}
        </Descriptions.Item>
      </Descriptions>
      {editable && (
        <Space wrap>
          {picker('images', t('cases.uploadImage'), 'image/png,image/jpeg')}
          {picker('pdf', t('cases.uploadPdf'), 'application/pdf')}
          {picker('word', t('cases.uploadWord'), '.doc,.docx')}
        </Space>
      )}
    </Card>
  );
}

function Review({ c }: { c: TypicalCaseDetailDto }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, number> & { comment?: string }>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const review = useCaseMutation(c.id, (v: { scores: Record<string, number>; comment?: string }) => caseApi.review(c.id, v));
  const select = useCaseMutation(c.id, (selected: boolean) => caseApi.select(c.id, { selected }));
  const onError = (e: unknown) => void message.error(errorText(e));
  return (
    <Card title={t('cases.review')}>
      <Form
        form={form}
        layout="inline"
        initialValues={{ ...(c.scores ?? {}), comment: c.reviewComment ?? '' }}
        onFinish={(v) => {
          const { comment, ...scores } = v;
          review.mutate({ scores: scores as Record<string, number>, ...(comment ? { comment: String(comment) } : {}) }, { onError });
        }}
      >
        {c.criteria.map((k) => (
          <Form.Item key={k.key} name={k.key} label={`${k.label}（${k.maxScore}）`} rules={[{ required: true }]}>
            <InputNumber min={0} max={k.maxScore} precision={0} data-testid={`score-${k.key}`} />
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('cases.comment')}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Button htmlType="submit" loading={review.isPending} data-testid="save-score">
          {t('cases.saveScore')}
        </Button>
      </Form>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" data-testid="case-select" disabled={c.totalScore === null} onClick={() => select.mutate(true, { onError })}>
          {t('cases.select')}
        </Button>
        <Button data-testid="case-not-select" disabled={c.totalScore === null} onClick={() => select.mutate(false, { onError })}>
          {t('cases.notSelect')}
        </Button>
      </Space>
    </Card>
  );
}
