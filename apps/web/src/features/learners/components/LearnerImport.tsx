import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { LEARNER_IMPORT_COLUMNS, type ImportErrorDto } from '@onex/shared';
import { Alert, Button, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportErrorsTable } from '../../../components/ImportErrorsTable';
import { ApiError } from '../../../lib/api';
import { useErrorText } from '../../../lib/useErrorText';
import { learnerTemplateUrl, useImportLearners, type LearnerImportResult } from '../api';

/** 批量导入: the .xlsx template, the upload (all or nothing) with its row/column errors; codes of created learners go to `onImported`. */
export function LearnerImportModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: (r: LearnerImportResult) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const imp = useImportLearners();
  const [fileName, setFileName] = useState<string | null>(null);
  const err = imp.error;
  const rowErrors = err instanceof ApiError && Array.isArray(err.details.errors) ? (err.details.errors as ImportErrorDto[]) : null;
  const close = () => {
    imp.reset();
    setFileName(null);
    onClose();
  };

  return (
    <Modal open={open} title={t('exams.importLearners')} onCancel={close} footer={null} width={760} destroyOnHidden>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('exams.importIntro')}</Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('exams.importColumns', { columns: LEARNER_IMPORT_COLUMNS.join('、') })}
        </Typography.Text>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={learnerTemplateUrl} download data-testid="learner-template">
            {t('exams.downloadTemplate')}
          </Button>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            beforeUpload={(file) => {
              setFileName(file.name);
              imp.mutate(file, {
                onSuccess: (r) => {
                  onImported(r);
                },
              });
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={imp.isPending} data-testid="learner-import-upload">
              {t('exams.uploadXlsx')}
            </Button>
          </Upload>
          {fileName && <Typography.Text type="secondary">{fileName}</Typography.Text>}
        </Space>
        {imp.isSuccess && (
          <Alert
            type="success"
            showIcon
            data-testid="learner-import-success"
            title={t('exams.importOk', { rows: imp.data.rows, created: imp.data.created })}
          />
        )}
        {imp.isError && (
          <Alert
            type="error"
            showIcon
            data-testid="learner-import-error"
            title={rowErrors ? t('exams.importNothingWritten') : errorText(err)}
            description={rowErrors ? t('exams.importErrorCount', { n: rowErrors.length }) : undefined}
          />
        )}
        {rowErrors && <ImportErrorsTable errors={rowErrors} testId="learner-import-errors" />}
      </Space>
    </Modal>
  );
}
