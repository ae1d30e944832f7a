import { CERTIFICATE_LEVEL_LABELS, FEE_NOTICE_STATE_LABELS, type FeeNoticeDto } from '@onex/shared';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../components/ExportButton';
import { FeeNoticesTable } from '../../../components/FeeNoticesTable';
import { chinaToday } from '../../../lib/dayjs';
import { useLang } from '../../../lib/i18n';
import { formatFen, pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { type NoticeQuery, useFeeNotices, useOrgLevels, usePublishFeeNotice } from '../api';
import '../locales';

/** Today as the server counts it (China's calendar), not the browser's: from 16:00 UTC they differ. */

/** 收费公告 (issue 17 item 6): the organization's fee notices per certificate level, and publishing a new one. */
export function FeeNoticesPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const errorText = useErrorText();
  const [query, setQuery] = useState<NoticeQuery>({ page: 1, pageSize: 20 });
  const [publishing, setPublishing] = useState(false);
  const list = useFeeNotices(query);
  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={3}>{t('feeNotices.title')}</Typography.Title>
        <Space>
          <Select<FeeNoticeDto['state'] | 'all'>
            style={{ width: 160 }}
            value={query.state ?? 'all'}
            onChange={(v) => setQuery((q) => ({ ...q, page: 1, state: v === 'all' ? undefined : v }))}
            options={[
              { value: 'all', label: t('feeNotices.allStates') },
              ...(['in_force', 'scheduled', 'superseded'] as const).map((s) => ({
                value: s,
                label: pickLabel(FEE_NOTICE_STATE_LABELS, s, lang),
              })),
            ]}
            data-testid="fee-notice-state"
          />
          <ExportButton path="/fee-notices" query={query} />
          <Button type="primary" onClick={() => setPublishing(true)} data-testid="fee-notice-publish">
            {t('feeNotices.publish')}
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('feeNotices.intro')}</Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <FeeNoticesTable
        notices={list.data?.items ?? []}
        loading={list.isFetching}
        testId="fee-notices-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
      />
      {publishing && <PublishModal onClose={() => setPublishing(false)} />}
    </Card>
  );
}

interface Values {
  level: string;
  schoolFee?: number | null;
  socialFee?: number | null;
  effectiveOn: Dayjs;
  note?: string;
}

function PublishModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const levels = useOrgLevels();
  const publish = usePublishFeeNotice();
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('level', form);
  const level = (levels.data ?? []).find((l) => `${l.certificateTypeId}:${l.level}` === chosen);
  const capYuan = level ? level.capFen / 100 : undefined;
  const toFen = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100));
  const submit = (v: Values) => {
    if (!level) return;
    publish.mutate(
      {
        certificateTypeId: level.certificateTypeId,
        level: level.level,
        schoolFeeFen: toFen(v.schoolFee),
        socialFeeFen: toFen(v.socialFee),
        effectiveOn: v.effectiveOn.format('YYYY-MM-DD'),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('feeNotices.publishOk'));
          onClose();
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );
  };
  return (
    <Modal
      open
      title={t('feeNotices.publish')}
      okText={t('feeNotices.publish')}
      cancelText={t('common.cancel')}
      confirmLoading={publish.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'fee-notice-ok' } as never}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ effectiveOn: chinaToday() }} onFinish={submit}>
        <Form.Item name="level" label={t('feeNotices.level')} rules={[{ required: true, message: t('feeNotices.chooseLevel') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={levels.isLoading}
            options={(levels.data ?? []).map((l) => ({
              value: `${l.certificateTypeId}:${l.level}`,
              label: `${l.certificateTypeName} · ${pickLabel(CERTIFICATE_LEVEL_LABELS, l.level, lang)}（${t('feeNotices.cap')} ${formatFen(l.capFen)}）`,
            }))}
            data-testid="fee-notice-level"
          />
        </Form.Item>
        <Space size="large">
          <Form.Item name="schoolFee" label={t('feeNotices.schoolFee')}>
            <InputNumber<number> min={0} max={capYuan} precision={2} prefix="¥" data-testid="fee-notice-school" />
          </Form.Item>
          <Form.Item
            name="socialFee"
            label={t('feeNotices.socialFee')}
            dependencies={['schoolFee']}
            rules={[
              {
                validator: (_, v) =>
                  v === null || v === undefined
                    ? form.getFieldValue('schoolFee') == null
                      ? Promise.reject(new Error(t('feeNotices.needOneFee')))
                      : Promise.resolve()
                    : Promise.resolve(),
              },
            ]}
          >
            <InputNumber<number> min={0} max={capYuan} precision={2} prefix="¥" data-testid="fee-notice-social" />
          </Form.Item>
        </Space>
        <Form.Item name="effectiveOn" label={t('feeNotices.effectiveOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isBefore(chinaToday(), 'day')} data-testid="fee-notice-date" />
        </Form.Item>
        <Form.Item name="note" label={t('feeNotices.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
