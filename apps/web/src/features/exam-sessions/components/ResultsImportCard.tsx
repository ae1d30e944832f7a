import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ImportErrorDto } from '@onex/shared';
import { Alert, App, Button, Card, Checkbox, Input, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportErrorsTable } from '../../../components/ImportErrorsTable';
import { ApiError } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import {
  downloadResultErrors,
  isJobDone,
  isPreview,
  resultsTemplateUrl,
  useResultImports,
  useResultJob,
  useUploadResults,
  type ResultPreview,
} from '../api';

/** 成绩导入 (R5.5): upload .xlsx/.csv → preview with row errors → confirm → progress of the job; corrections carry a note. */
export function ResultsImportCard({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [correction, setCorrection] = useState(false);
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<ResultPreview | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const upload = useUploadResults();
  const job = useResultJob(jobId);
  const history = useResultImports(sessionId, true);
  const rowErrors =
    upload.error instanceof ApiError && Array.isArray(upload.error.details.errors)
      ? (upload.error.details.errors as ImportErrorDto[])
      : null;

  const send = (f: File, asPreview: boolean) =>
    upload.mutate(
      { sessionId, file: f, preview: asPreview, correction, note: note.trim() || undefined },
      {
        onSuccess: (r) => {
          if (isPreview(r)) setPreview(r);
          else {
            setPreview(null);
            setJobId(r.id);
            if (r.duplicate) void message.info(t('exams.resultDuplicate'));
          }
        },
      },
    );

  const j = job.data;
  const hasErrors = !!rowErrors?.length || !!preview?.errors.length || !!j?.errors.length;
  const saveErrors = () => {
    if (!file) return;
    downloadResultErrors(sessionId, file).catch((err: unknown) => void message.error(errorText(err)));
  };
  return (
    <Card title={t('exams.resultsImportTitle')} data-testid="results-import">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('exams.resultsImportIntro')}</Typography.Text>
        <Space wrap align="start">
          <Checkbox
            checked={correction}
            onChange={(e) => {
              setCorrection(e.target.checked);
              setPreview(null);
            }}
            data-testid="result-correction"
          >
            {t('exams.correction')}
          </Checkbox>
          {correction && (
            <Input.TextArea
              rows={1}
              style={{ width: 360 }}
              maxLength={1000}
              placeholder={t('exams.correctionNote')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="result-note"
            />
          )}
        </Space>
        <Space wrap>
          <Upload
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            beforeUpload={(f) => {
              if (correction && !note.trim()) {
                void message.warning(t('exams.correctionNoteRequired'));
                return false;
              }
              setFile(f);
              setJobId(null);
              send(f, true);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending && upload.variables.preview} data-testid="result-upload">
              {t('exams.chooseResultsFile')}
            </Button>
          </Upload>
          <Button icon={<DownloadOutlined />} href={resultsTemplateUrl(sessionId)} data-testid="result-template">
            {t('exams.downloadResultsTemplate')}
          </Button>
          {file && <Typography.Text type="secondary">{file.name}</Typography.Text>}
          {file && hasErrors && (
            <Button icon={<DownloadOutlined />} onClick={saveErrors} data-testid="result-errors-download">
              {t('exams.downloadErrorList')}
            </Button>
          )}
        </Space>
        {upload.isError && (
          <Alert
            type="error"
            showIcon
            title={errorText(upload.error)}
            description={rowErrors ? t('exams.importErrorCount', { n: rowErrors.length }) : undefined}
          />
        )}
        {rowErrors && <ImportErrorsTable errors={rowErrors} testId="result-errors" />}
        {preview && (
          <Alert
            type={preview.valid ? 'success' : 'error'}
            showIcon
            data-testid="result-preview"
            title={preview.valid ? t('exams.previewOk') : t('exams.previewBad', { n: preview.totalErrors })}
            description={
              <Space orientation="vertical">
                <span>{t('exams.previewCounts', { rows: preview.rows, passed: preview.passed, failed: preview.failed })}</span>
                {preview.existingResults > 0 && <span>{t('exams.previewExisting', { n: preview.existingResults })}</span>}
                {preview.duplicateOf && <span>{t('exams.resultDuplicate')}</span>}
                {preview.valid && file && (
                  <Button
                    type="primary"
                    loading={upload.isPending && !upload.variables.preview}
                    onClick={() => send(file, false)}
                    data-testid="result-commit"
                  >
                    {t('exams.commitImport')}
                  </Button>
                )}
              </Space>
            }
          />
        )}
        {preview && preview.errors.length > 0 && <ImportErrorsTable errors={preview.errors} testId="result-errors" />}
        {j && (
          <Card size="small" data-testid="result-job">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <span>
                {j.fileName} · {t(`exams.job_${j.status}`)}
              </span>
              <Progress percent={j.progress} status={j.status === 'failed' ? 'exception' : isJobDone(j.status) ? 'success' : 'active'} />
              {j.status === 'succeeded' && <span>{t('exams.previewCounts', { rows: j.rows, passed: j.passed, failed: j.failed })}</span>}
              {j.message && <Alert type="error" showIcon title={j.message} />}
              {j.errors.length > 0 && <ImportErrorsTable errors={j.errors} testId="result-errors" />}
            </Space>
          </Card>
        )}
        {(history.data?.length ?? 0) > 0 && (
          <Table
            size="small"
            rowKey="id"
            dataSource={history.data}
            pagination={false}
            columns={[
              { title: t('exams.importFile'), dataIndex: 'fileName', key: 'f' },
              {
                title: t('exams.importKind'),
                key: 'k',
                width: 220,
                render: (_, r) =>
                  r.kind === 'correction' ? (
                    <Tag color="orange">{`${t('exams.correction')}：${r.correctionNote ?? ''}`}</Tag>
                  ) : (
                    <Tag>{t('exams.initialImport')}</Tag>
                  ),
              },
              { title: t('exams.status'), key: 's', width: 100, render: (_, r) => t(`exams.job_${r.status}`) },
              { title: t('exams.previewRows'), dataIndex: 'rows', key: 'r', width: 80, align: 'right' },
              {
                title: t('exams.recordedAt'),
                key: 'c',
                className: 'col-nowrap',
                width: 160,
                render: (_, r) => formatDateTime(r.createdAt),
              },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
