import type { ImportErrorDto } from '@onex/shared';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';

/** The row/column errors of a refused import (行, 列, 说明), as every import page shows them. */
export function ImportErrorsTable({ errors, testId, pageSize = 10 }: { errors: ImportErrorDto[]; testId: string; pageSize?: number }) {
  const { t } = useTranslation();
  return (
    <Table<ImportErrorDto>
      rowKey={(e) => `${e.row}-${e.column}-${e.code}-${e.message}`}
      size="small"
      bordered
      dataSource={errors}
      pagination={errors.length > pageSize ? { pageSize } : false}
      data-testid={testId}
      columns={[
        { title: t('exams.importRow'), dataIndex: 'row', key: 'row', width: 70 },
        { title: t('exams.importColumn'), dataIndex: 'column', key: 'column', width: 160 },
        { title: t('exams.importMessage'), dataIndex: 'message', key: 'message' },
      ]}
    />
  );
}
