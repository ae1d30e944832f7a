import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { MAJOR_IMPORT_COLUMNS, type ImportErrorDto, type SchoolDto } from '@onex/shared';
import { Alert, Button, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportErrorsTable } from '../../../components/ImportErrorsTable';
import { ApiError } from '../../../lib/api';
import { useErrorText } from '../../../lib/useErrorText';
import { importTemplateUrl, useImportMajors } from '../api';

/** 批量导入: the .xlsx template, and the upload with its all-or-nothing error list. */
export function ImportTab({ school }: { school: SchoolDto }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const imp = useImportMajors();
  const [fileName, setFileName] = useState<string | null>(null);
  const err = imp.error;
  const rowErrors =
    err instanceof ApiError && err.code === 'IMPORT_INVALID' && Array.isArray(err.details.errors)
      ? (err.details.errors as ImportErrorDto[])
      : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('schools.importIntro')}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('schools.importColumns', { columns: MAJOR_IMPORT_COLUMNS.join('、') })}
      </Typography.Text>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={importTemplateUrl(school.id)} download data-testid="import-template">
          {t('schools.downloadTemplate')}
        </Button>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(file) => {
            setFileName(file.name);
            imp.mutate({ schoolId: school.id, file });
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={imp.isPending} data-testid="import-upload">
            {t('schools.uploadXlsx')}
          </Button>
        </Upload>
        {fileName && <Typography.Text type="secondary">{fileName}</Typography.Text>}
      </Space>
      {imp.isSuccess && (
        <Alert
          type="success"
          showIcon
          data-testid="import-success"
          title={t('schools.importOk')}
          description={t('schools.importCounts', {
            rows: imp.data.rows,
            created: imp.data.majorsCreated,
            updated: imp.data.majorsUpdated,
            years: imp.data.yearsWritten,
          })}
        />
      )}
      {imp.isError && (
        <Alert
          type="error"
          showIcon
          data-testid="import-error"
          title={rowErrors ? t('schools.importNothingWritten') : errorText(err)}
          description={rowErrors ? t('schools.importErrorCount', { n: rowErrors.length }) : undefined}
        />
      )}
      {rowErrors && <ImportErrorsTable errors={rowErrors} testId="import-errors" pageSize={20} />}
    </Space>
  );
}
