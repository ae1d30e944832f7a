import { Alert, App, Descriptions, Form, InputNumber, Modal, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/useErrorText';
import { usePublicationCheck, usePublishScores } from '../api';
import { publicationConfirmed } from '../session-helpers';

/**
 * 成绩公示 (R5.5, issue 21 item 2): shows how many candidates have no score and asks for that number to be typed in
 * before publishing; the 公示期 is chosen here (default: the organization's setting).
 */
export function PublishScoresModal({ sessionId, open, onClose }: { sessionId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const check = usePublicationCheck(sessionId, open);
  const publish = usePublishScores();
  const [typed, setTyped] = useState<number | null>(null);
  const [days, setDays] = useState<number | null>(null);
  const c = check.data;
  const publicityDays = days ?? c?.publicityDays ?? null;
  const ready = !!c && publicityDays !== null && publicationConfirmed(c.missing, typed);

  const submit = () => {
    if (!c || publicityDays === null) return;
    publish.mutate(
      { id: sessionId, publicityDays, confirmMissing: c.missing > 0 ? (typed ?? undefined) : undefined },
      {
        onSuccess: () => {
          void message.success(t('exams.publishOk'));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('exams.publishScores')}
      okText={t('exams.publishNow')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ disabled: !ready, loading: publish.isPending, 'data-testid': 'publish-confirm' }}
      destroyOnHidden
    >
      {check.isPending && <Spin />}
      {check.isError && <Alert type="error" showIcon title={errorText(check.error)} />}
      {c && (
        <Form layout="vertical" data-testid="publish-modal">
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('exams.publishCandidates')}>{c.candidates}</Descriptions.Item>
            <Descriptions.Item label={t('exams.publishWithResult')}>{c.withResult}</Descriptions.Item>
            <Descriptions.Item label={t('exams.publishMissing')}>
              <Typography.Text type={c.missing ? 'danger' : undefined} strong={c.missing > 0} data-testid="publish-missing">
                {c.missing}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          {c.missing > 0 && (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('exams.publishMissingWarning', { n: c.missing })}
                data-testid="publish-warning"
              />
              <Form.Item label={t('exams.publishConfirmMissing', { n: c.missing })} required>
                <InputNumber min={0} precision={0} value={typed} onChange={setTyped} data-testid="publish-confirm-missing" />
              </Form.Item>
            </>
          )}
          <Form.Item label={t('exams.publicityDays')} extra={t('exams.publicityDaysHint')}>
            <InputNumber
              min={0}
              max={60}
              precision={0}
              value={publicityDays}
              onChange={setDays}
              suffix={t('exams.days')}
              data-testid="publish-days"
            />
          </Form.Item>
          <Typography.Text type="secondary">{t('exams.publishConfirm')}</Typography.Text>
          {publish.isError && <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorText(publish.error)} />}
        </Form>
      )}
    </Modal>
  );
}
