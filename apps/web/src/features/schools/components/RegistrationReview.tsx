import { RollbackOutlined } from '@ant-design/icons';
import type { SchoolDto } from '@onex/shared';
import { App, Button, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/useErrorText';
import { useReturnSchool } from '../api';
import '../locales';

/** What a school submitted about itself (002 三.1 and its proof), as its province reviews it. */
export function RegistrationInfo({ school }: { school: SchoolDto }) {
  const { t } = useTranslation();
  const r = school.registration;
  if (!r) return null;
  return (
    <Descriptions
      title={t('schoolRegReview.title')}
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      style={{ marginTop: 16 }}
      data-testid="school-registration-info"
      items={[
        { key: 'leadingBody', label: t('schoolRegReview.leadingBody'), children: r.leadingBody },
        { key: 'leadingBodyHead', label: t('schoolRegReview.leadingBodyHead'), children: r.leadingBodyHead },
        { key: 'dept', label: t('schoolRegReview.responsibleDepartment'), children: r.responsibleDepartment },
        { key: 'person', label: t('schoolRegReview.responsiblePerson'), children: r.responsiblePerson },
        {
          key: 'applicant',
          label: t('schoolRegReview.applicant'),
          children: `${r.applicantUsername ?? ''}${school.status === 'approved' ? '' : ` ${t('schoolRegReview.applicantNote')}`}`,
        },
        {
          key: 'proof',
          label: t('schoolRegReview.proof'),
          children: r.proofFileId ? (
            <a href={`/api/v1/files/${encodeURIComponent(r.proofFileId)}`} target="_blank" rel="noreferrer" data-testid="school-proof">
              {t('schoolRegReview.download')}
            </a>
          ) : null,
        },
        ...(school.status === 'returned' && r.returnReason
          ? [
              { key: 'reason', label: t('schoolRegReview.returnReason'), children: r.returnReason },
              { key: 'returnedAt', label: t('schoolRegReview.returnedAt'), children: formatDateTime(r.returnedAt) },
            ]
          : []),
      ]}
    />
  );
}

/** 退回 with a reason (R2.1): the province sends a self-registration back. */
export function ReturnSchoolButton({ school }: { school: SchoolDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const ret = useReturnSchool();
  if (!school.allowedActions.includes('return')) return null;
  return (
    <>
      <Button icon={<RollbackOutlined />} onClick={() => setOpen(true)} data-testid="school-return">
        {t('schoolRegReview.return')}
      </Button>
      <Modal
        open={open}
        title={t('schoolRegReview.returnTitle', { name: school.name })}
        okText={t('schoolRegReview.return')}
        confirmLoading={ret.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            ret
              .mutateAsync({ id: school.id, reason: v.reason.trim() })
              .then(() => {
                setOpen(false);
                void message.success(t('schoolRegReview.returnedOk'));
              })
              .catch((err: unknown) => void message.error(errorText(err)))
          }
        >
          <Form.Item
            name="reason"
            label={t('schoolRegReview.reason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('schoolRegReview.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="school-return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
