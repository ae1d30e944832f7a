import type { PilotFlagDto } from '@onex/shared';
import { Alert, Card, Table, Typography, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import { usePilotFlags } from '../api';
import '../locales';

/** Pilots flagged for cancellation after consecutive missed reports, each citing its clause (001 §十九(一)). */
export function PilotFlags({ action }: { action?: (f: PilotFlagDto) => ReactNode }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const flags = usePilotFlags();
  const columns: TableProps<PilotFlagDto>['columns'] = [
    { title: t('sup.school'), dataIndex: 'schoolName', key: 'school', width: 180 },
    { title: t('sup.certificate'), dataIndex: 'certificateTypeName', key: 'cert', width: 200, ellipsis: true },
    { title: t('sup.detail'), dataIndex: 'detail', key: 'detail' },
    { title: t('sup.clause'), dataIndex: 'clause', key: 'clause', width: 220 },
    { title: t('sup.jurisdiction'), dataIndex: 'jurisdiction', key: 'jurisdiction', width: 180 },
    {
      title: t('sup.flaggedAt'),
      dataIndex: 'flaggedAt',
      key: 'at',
      className: 'col-nowrap',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    ...(action ? [{ title: t('common.actions'), key: 'action', width: 110, render: (_: unknown, f: PilotFlagDto) => action(f) }] : []),
  ];
  return (
    <Card>
      <Typography.Title level={4}>{t('sup.flagsTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('sup.flagsHint')}</Typography.Paragraph>
      {flags.isError && <Alert type="error" showIcon title={errorText(flags.error)} />}
      <Table<PilotFlagDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={flags.data ?? []}
        loading={flags.isFetching}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="pilot-flags"
      />
    </Card>
  );
}
