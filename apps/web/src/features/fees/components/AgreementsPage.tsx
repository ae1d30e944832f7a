import { FilePdfOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  AGREEMENT_STATUS_LABELS,
  CERTIFICATE_LEVEL_LABELS,
  CERTIFICATE_LEVELS,
  type AgreementDto,
  type CertificateLevel,
  type ExamForm,
  feeCapFen,
} from '@onex/shared';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  type TableProps,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useEffectivePolicies } from '../../../lib/policies';
import { formatFen, pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { usePublicCertificateType } from '../../../lib/catalog';
import { useApprovedFilings } from '../../../lib/filings';
import { useAgreements, useCreateAgreement, type PageQuery } from '../api';
import { agreementErrorText, feesToSend, isOverCap, yuanToFen } from '../fee-helpers';
import { ExportButton } from '../../../components/ExportButton';
import { useUser } from '../../../lib/session';
import { AGREEMENT_STATUS_COLOR, AgreementActions, AgreementHistoryDrawer } from './AgreementLife';

/** 试点合作协议 (R4.1, R4.2): the school's agreements with the evaluation organizations, and registering one. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [query, setQuery] = useState<PageQuery>({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState(false);
  const list = useAgreements(query);
  // Issue 17 item 5: the organization and the province read their agreements too, and move them through their life.
  const me = useUser();
  const isSchool = me.role === 'school_admin';
  const [history, setHistory] = useState<AgreementDto | null>(null);

  const columns: TableProps<AgreementDto>['columns'] = [
    ...(isSchool ? [] : [{ title: t('exams.school'), key: 'school', render: (_: unknown, a: AgreementDto) => a.school.name }]),
    { title: t('exams.certificateType'), key: 'ct', render: (_, a) => a.certificateType.name },
    { title: t('exams.organization'), key: 'org', render: (_, a) => a.organization.name },
    { title: t('exams.signedOn'), dataIndex: 'signedOn', key: 'signedOn', width: 120 },
    {
      // Issue 17 item 5 (三.6): 草拟 / 生效 / 暂停 / 终止, with the reason of a suspension or termination.
      title: t('exams.status'),
      key: 'status',
      width: 160,
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <Tag color={AGREEMENT_STATUS_COLOR[a.status]} title={a.statusReason ?? undefined} data-testid={`agreement-status-${a.id}`}>
            {pickLabel(AGREEMENT_STATUS_LABELS, a.status, lang)}
          </Tag>
          {a.statusReason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.statusReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('exams.fees'),
      key: 'fees',
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          {a.fees.map((f) => (
            <span key={f.level}>
              {pickLabel(CERTIFICATE_LEVEL_LABELS, f.level, lang)}：{formatFen(f.feeFen)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                （{t('exams.feeCap', { cap: formatFen(f.capFen) })}）
              </Typography.Text>
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: t('exams.agreementPdf'),
      key: 'file',
      width: 110,
      render: (_, a) => (
        <a href={`/api/v1/files/${encodeURIComponent(a.fileId)}`} target="_blank" rel="noreferrer">
          <FilePdfOutlined /> {t('exams.view')}
        </a>
      ),
    },
    {
      title: t('exams.recordedAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      className: 'col-nowrap',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, a) => (
        <Space size={4} wrap>
          <AgreementActions agreement={a} />
          <Button size="small" type="link" onClick={() => setHistory(a)} data-testid={`agreement-history-${a.id}`}>
            {t('agreementLife.history')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('exams.agreementsTitle')}</Typography.Title>
        <Space>
          <ExportButton path="/pilot-agreements" query={query} />
          {isSchool && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="agreement-add">
              {t('exams.registerAgreement')}
            </Button>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('exams.agreementsIntro')}</Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<AgreementDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1200 }}
        data-testid="agreements-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery({ page, pageSize }),
        }}
      />
      {isSchool && <AgreementDrawer open={open} taken={(list.data?.items ?? []).map((a) => a.filingId)} onClose={() => setOpen(false)} />}
      <AgreementHistoryDrawer
        agreement={history && (list.data?.items.find((a) => a.id === history.id) ?? history)}
        onClose={() => setHistory(null)}
      />
    </Card>
  );
}

interface Values {
  filingId: string;
  signedOn: Dayjs;
  note?: string;
  fees: Partial<Record<CertificateLevel, number | null>>;
}

function AgreementDrawer({ open, taken, onClose }: { open: boolean; taken: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const filings = useApprovedFilings(open);
  const create = useCreateAgreement();
  const filingId = Form.useWatch('filingId', form);
  const fees = Form.useWatch('fees', form);
  const filing = filings.data?.find((f) => f.id === filingId);
  const catalog = usePublicCertificateType(filing?.certificateTypeId);
  // Issue 17 item 6: the cap applicable to the school (its province's caps where lower than the national ones).
  const policies = useEffectivePolicies({}, open);
  const formCaps = policies.data?.feeCaps.capsFen;
  const caps = useMemo(
    () =>
      new Map(
        (catalog.data?.levels ?? []).map((l) => [
          l.level,
          formCaps && l.examForms.length
            ? Math.min(l.feeCapFen, feeCapFen(l.examForms, formCaps as Record<ExamForm, number>))
            : l.feeCapFen,
        ]),
      ),
    [catalog.data, formCaps],
  );
  const levels: CertificateLevel[] = filing ? (filing.levels.length ? filing.levels : CERTIFICATE_LEVELS.filter((l) => caps.has(l))) : [];

  const close = () => {
    form.resetFields();
    setFile(null);
    setFileMissing(false);
    create.reset();
    onClose();
  };

  const submit = (v: Values) => {
    if (!file) {
      setFileMissing(true);
      return;
    }
    create.mutate(
      {
        filingId: v.filingId,
        signedOn: v.signedOn.format('YYYY-MM-DD'),
        note: v.note?.trim() || null,
        fees: feesToSend(levels.map((level) => ({ level, yuan: v.fees?.[level] ?? null }))),
        file,
      },
      {
        onSuccess: () => {
          message.success(t('exams.agreementOk'));
          close();
        },
      },
    );
  };

  return (
    <Drawer
      open={open}
      title={t('exams.registerAgreement')}
      size={560}
      onClose={close}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="agreement-submit">
            {t('common.submit')}
          </Button>
        </Space>
      }
    >
      {create.isError && (
        <Alert
          type="error"
          showIcon
          title={agreementErrorText(create.error, lang)}
          style={{ marginBottom: 16 }}
          data-testid="agreement-error"
        />
      )}
      {filings.isSuccess && filings.data.length === 0 && (
        <Alert type="info" showIcon title={t('exams.noApprovedFiling')} style={{ marginBottom: 16 }} />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} onValuesChange={() => create.isError && create.reset()}>
        <Form.Item name="filingId" label={t('exams.filing')} rules={[{ required: true, message: t('exams.filingRequired') }]}>
          <Select
            loading={filings.isLoading}
            data-testid="agreement-filing"
            options={(filings.data ?? []).map((f) => ({
              value: f.id,
              disabled: taken.includes(f.id),
              label: `${f.certificateTypeName} · ${f.departmentName} · ${f.year}${taken.includes(f.id) ? `（${t('exams.agreementDone')}）` : ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="signedOn" label={t('exams.signedOn')} rules={[{ required: true, message: t('exams.signedOnRequired') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="agreement-signed-on" />
        </Form.Item>
        {filing && (
          <Form.Item label={t('exams.feesPerLevel')} required extra={t('exams.feesPayer')}>
            {levels.map((level) => {
              const cap = caps.get(level);
              const over = isOverCap(yuanToFen(fees?.[level]), cap);
              return (
                <Form.Item
                  key={level}
                  name={['fees', level]}
                  label={pickLabel(CERTIFICATE_LEVEL_LABELS, level, lang)}
                  validateStatus={over ? 'error' : undefined}
                  help={
                    over
                      ? t('exams.feeOverCap', { cap: formatFen(cap) })
                      : cap !== undefined
                        ? t('exams.feeCap', { cap: formatFen(cap) })
                        : undefined
                  }
                  rules={[
                    { required: true, message: t('exams.feeRequired') },
                    {
                      validator: async (_, v: number | null | undefined) => {
                        if (isOverCap(yuanToFen(v), cap)) throw new Error(t('exams.feeOverCap', { cap: formatFen(cap) }));
                      },
                    },
                  ]}
                >
                  <InputNumber<number>
                    min={0}
                    precision={2}
                    step={10}
                    style={{ width: 220 }}
                    addonAfter={t('exams.yuanPerPerson')}
                    data-testid={`agreement-fee-${level}`}
                  />
                </Form.Item>
              );
            })}
          </Form.Item>
        )}
        <Form.Item
          label={t('exams.agreementPdf')}
          required
          validateStatus={fileMissing ? 'error' : undefined}
          help={fileMissing ? t('exams.pdfRequired') : undefined}
        >
          <Upload
            accept=".pdf,application/pdf"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setFileMissing(false);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'pdf', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="agreement-pdf">
              {t('exams.choosePdf')}
            </Button>
          </Upload>
        </Form.Item>
        <Form.Item name="note" label={t('exams.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
