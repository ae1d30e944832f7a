import { CERTIFICATE_LEVEL_LABELS, FEE_NOTICE_STATE_LABELS, type FeeNoticeDto } from '@onex/shared';
import { Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../lib/i18n';
import { formatFen, pickLabel } from '../lib/money';

const STATE_COLORS: Record<FeeNoticeDto['state'], string> = { in_force: 'green', scheduled: 'blue', superseded: 'default' };

/**
 * The organizations' fee notices (收费公告, issue 17 item 6) as a table: per certificate level the fee for pilot schools
 * and for social candidates, the national cap, the date it takes effect and whether it is in force. Used by the
 * organization's own page and by the public certificate detail.
 */
export function FeeNoticesTable({
  notices,
  loading,
  showOrganization = false,
  showCertificate = true,
  pagination = false,
  testId,
}: {
  notices: readonly FeeNoticeDto[];
  loading?: boolean;
  showOrganization?: boolean;
  showCertificate?: boolean;
  pagination?: TableProps<FeeNoticeDto>['pagination'];
  testId?: string;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const money = (v: number | null) =>
    v === null ? <Typography.Text type="secondary">{t('feeNoticeTable.notStated')}</Typography.Text> : formatFen(v);
  const columns: TableProps<FeeNoticeDto>['columns'] = [
    ...(showOrganization
      ? [{ title: t('feeNoticeTable.organization'), key: 'org', render: (_: unknown, n: FeeNoticeDto) => n.organization.name }]
      : []),
    {
      title: t('feeNoticeTable.certificate'),
      key: 'level',
      render: (_, n) =>
        showCertificate
          ? `${n.certificateType.name} · ${pickLabel(CERTIFICATE_LEVEL_LABELS, n.level, lang)}`
          : pickLabel(CERTIFICATE_LEVEL_LABELS, n.level, lang),
    },
    { title: t('feeNoticeTable.schoolFee'), key: 'school', align: 'right', width: 140, render: (_, n) => money(n.schoolFeeFen) },
    { title: t('feeNoticeTable.socialFee'), key: 'social', align: 'right', width: 140, render: (_, n) => money(n.socialFeeFen) },
    { title: t('feeNoticeTable.cap'), key: 'cap', align: 'right', width: 130, render: (_, n) => formatFen(n.capFen) },
    { title: t('feeNoticeTable.effectiveOn'), dataIndex: 'effectiveOn', key: 'effectiveOn', width: 120, className: 'col-nowrap' },
    {
      title: t('feeNoticeTable.state'),
      key: 'state',
      width: 200,
      render: (_, n) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATE_COLORS[n.state]}>{pickLabel(FEE_NOTICE_STATE_LABELS, n.state, lang)}</Tag>
          {n.note && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {n.note}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table<FeeNoticeDto>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...notices]}
      loading={loading ?? false}
      pagination={pagination}
      scroll={{ x: 800 }}
      data-testid={testId}
    />
  );
}
