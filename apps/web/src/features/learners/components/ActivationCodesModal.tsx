import { CopyOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { activationSlipsText, type CodeSlip } from '../learner-helpers';

export interface CodesToShow {
  slips: CodeSlip[];
  expiresAt: string;
}

/** Activation codes, shown once: copy or print them for the students; the platform keeps only their hashes. */
export function ActivationCodesModal({ codes, onClose }: { codes: CodesToShow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const expiresOn = codes ? codes.expiresAt.slice(0, 10) : '';
  const text = codes ? activationSlipsText(codes.slips, expiresOn, lang) : '';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('exams.copied'));
    } catch {
      message.error(t('exams.copyFailed'));
    }
  };
  const print = () => {
    const w = window.open('', '_blank', 'width=720,height=900');
    if (!w) return;
    const pre = w.document.createElement('pre');
    pre.style.cssText = 'font: 16px/2 "SimSun", serif; white-space: pre-wrap';
    pre.textContent = text;
    w.document.title = t('exams.codeTitle');
    w.document.body.appendChild(pre);
    w.print();
  };

  return (
    <Modal
      open={Boolean(codes)}
      title={t('exams.codeTitle')}
      onCancel={onClose}
      maskClosable={false}
      width={640}
      footer={
        <Space>
          <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="codes-copy">
            {t('exams.copy')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={print} data-testid="codes-print">
            {t('exams.print')}
          </Button>
          <Button type="primary" onClick={onClose} data-testid="codes-close">
            {t('exams.codesDone')}
          </Button>
        </Space>
      }
    >
      <Alert type="warning" showIcon title={t('exams.codeOnce')} description={t('exams.codeExpires', { date: expiresOn })} />
      {codes && codes.slips.length === 1 ? (
        <div style={{ textAlign: 'center', margin: '24px 0 8px' }}>
          <Typography.Text type="secondary">{codes.slips[0]!.name}</Typography.Text>
          <div>
            <Typography.Text
              copyable={{ text: codes.slips[0]!.activationCode }}
              strong
              style={{ fontSize: 28, letterSpacing: 3, fontFamily: 'monospace' }}
              data-testid="activation-code"
            >
              {codes.slips[0]!.activationCode}
            </Typography.Text>
          </div>
        </div>
      ) : (
        <Table<CodeSlip>
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(s) => `${s.name}-${s.activationCode}`}
          dataSource={codes?.slips ?? []}
          pagination={(codes?.slips.length ?? 0) > 10 ? { pageSize: 10 } : false}
          data-testid="activation-codes"
          columns={[
            { title: t('exams.name'), dataIndex: 'name', key: 'name' },
            { title: t('exams.className'), dataIndex: 'className', key: 'className', render: (v: string | null) => v ?? '' },
            {
              title: t('exams.activationCode'),
              dataIndex: 'activationCode',
              key: 'code',
              render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text>,
            },
          ]}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, whiteSpace: 'pre-wrap' }}>
        {t('exams.codeHowTo')}
      </Typography.Paragraph>
    </Modal>
  );
}
