import {
  CERTIFICATE_TYPE_STATUS_LABELS,
  EXAM_FORM_LABELS,
  NATIONAL_FEE_CAPS_FEN,
  type CertificateTypeStatus,
  type ContactDto,
  type LevelDto,
  type StandardDocumentDto,
} from '@onex/shared';
import { FilePdfOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelLabel } from '../../../lib/catalog';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { formatFen, formatShare, pickLabel } from '../../../lib/money';

/** Shared with other features, so kept in components/ and lib/; re-exported for the catalog's own pages. */
export { ToBeConfirmedTag } from '../../../components/ToBeConfirmedTag';
export { levelLabel } from '../../../lib/catalog';

const STATUS_COLORS: Record<CertificateTypeStatus, string> = {
  draft: 'default',
  published: 'green',
  suspended: 'orange',
  withdrawn: 'red',
};

export function CertificateStatusTag({ status }: { status: CertificateTypeStatus }) {
  const { lang } = useLang();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="certificate-status">
      {pickLabel(CERTIFICATE_TYPE_STATUS_LABELS, status, lang)}
    </Tag>
  );
}

/**
 * On public pages a fact the evaluation organization has not confirmed is not shown as a fact (the seed's defaults
 * are internal): the reader is sent to the organization's own announcement (issue 21 #5).
 */
export function AsAnnounced() {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" data-testid="as-announced">
      {t('catalog.asAnnounced')}
    </Typography.Text>
  );
}

/** `机考 40% + 特殊要求实训设备实操 60%`. */
export function ExamFormsText({ level }: { level: Pick<LevelDto, 'examForms'> }) {
  const { lang } = useLang();
  return (
    <Space size={[4, 4]} wrap>
      {level.examForms.map((f) => (
        <Tooltip key={f.form} title={`${pickLabel(EXAM_FORM_LABELS, f.form, lang)} ≤ ${formatFen(NATIONAL_FEE_CAPS_FEN[f.form])}`}>
          <Tag style={{ marginInlineEnd: 0 }}>
            {pickLabel(EXAM_FORM_LABELS, f.form, lang)} {formatShare(f.share)}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** Levels with their exam forms, shares, fee cap and pass mark. */
export function LevelsTable({
  levels,
  size = 'small',
  unconfirmed = false,
}: {
  levels: readonly LevelDto[];
  size?: 'small' | 'middle';
  /** Public page of a certificate whose exam forms and pass marks are not confirmed: those cells say so instead. */
  unconfirmed?: boolean;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const columns: TableProps<LevelDto>['columns'] = [
    {
      title: t('catalog.level'),
      dataIndex: 'level',
      key: 'level',
      width: 90,
      render: (l: string) => <Tag color="blue">{levelLabel(l, lang)}</Tag>,
    },
    { title: t('catalog.examForms'), key: 'forms', render: (_, l) => (unconfirmed ? <AsAnnounced /> : <ExamFormsText level={l} />) },
    {
      title: t('catalog.feeCap'),
      dataIndex: 'feeCapFen',
      key: 'cap',
      width: 130,
      render: (v: number) => (
        <Typography.Text strong data-testid="fee-cap">
          {formatFen(v)}
        </Typography.Text>
      ),
    },
    {
      title: t('catalog.passMark'),
      dataIndex: 'passMark',
      key: 'passMark',
      width: 90,
      render: (v?: number) => (unconfirmed ? <AsAnnounced /> : v === undefined ? t('common.none') : v),
    },
  ];
  return <Table<LevelDto> rowKey="level" size={size} pagination={false} columns={columns} dataSource={[...levels]} />;
}

export function StandardDocumentsList({ docs }: { docs: readonly StandardDocumentDto[] }) {
  const { t } = useTranslation();
  if (!docs.length) return <Typography.Text type="secondary">{t('catalog.noDocuments')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={4}>
      {docs.map((d) => (
        <Space key={d.id} size="small" wrap>
          <FilePdfOutlined style={{ color: '#cf1322' }} />
          <a href={d.downloadUrl || `/api/v1/files/${d.fileId}`} download={d.fileName} data-testid="standard-document-link">
            {d.fileName}
          </a>
          <Tag>{t('catalog.versionLabel', { version: d.version })}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(d.uploadedAt)} · {(d.size / 1024).toFixed(1)} KB
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );
}

export function ContactsView({ contacts }: { contacts: readonly ContactDto[] }) {
  const { t } = useTranslation();
  const columns: TableProps<ContactDto>['columns'] = [
    { title: t('orgs.contactName'), dataIndex: 'contactName', key: 'contactName', width: 100 },
    { title: t('orgs.officePhone'), dataIndex: 'officePhone', key: 'officePhone', width: 130 },
    { title: t('orgs.mobile'), dataIndex: 'mobile', key: 'mobile', width: 130 },
    { title: t('orgs.fax'), dataIndex: 'fax', key: 'fax', width: 130 },
    {
      title: t('orgs.email'),
      dataIndex: 'email',
      key: 'email',
      width: 180,
      render: (v: string | null) => (v ? <a href={`mailto:${v}`}>{v}</a> : ''),
    },
    { title: t('orgs.address'), dataIndex: 'address', key: 'address', ellipsis: true },
    { title: t('orgs.postcode'), dataIndex: 'postcode', key: 'postcode', width: 90 },
  ];
  return (
    <Table<ContactDto>
      rowKey="id"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={[...contacts]}
      scroll={{ x: 900 }}
      locale={{ emptyText: t('orgs.noContacts') }}
      data-testid="contacts-table"
    />
  );
}
