import {
  AGREEMENT_ACTION_LABELS,
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_TRANSITIONS,
  type AgreementAction,
  type AgreementDto,
  type AgreementStatus,
} from '@onex/shared';
import { Alert, App, Button, Descriptions, Drawer, Input, Modal, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { useAgreementEvents, useAgreementTransition } from '../api';
import '../locales-agreements';

export const AGREEMENT_STATUS_COLOR: Record<AgreementStatus, string> = {
  draft: 'default',
  in_force: 'green',
  suspended: 'orange',
  terminated: 'red',
};

const nameOf = (a: AgreementDto) => `${a.school.name} · ${a.certificateType.name}`;

/**
 * The transitions the server allows the actor on an agreement (issue 17 item 5; `allowedActions`): 生效 and 恢复 ask
 * to confirm, 暂停 and 终止 ask for the reason (三.6) in a dialog.
 */
export function AgreementActions({ agreement }: { agreement: AgreementDto }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const transition = useAgreementTransition();
  const [asking, setAsking] = useState<AgreementAction | null>(null);
  const label = (a: AgreementAction) => pickLabel(AGREEMENT_ACTION_LABELS, a, lang);
  const run = (action: AgreementAction, reason?: string) =>
    transition.mutate(
      { id: agreement.id, action, reason },
      {
        onSuccess: () => {
          void message.success(t('agreementLife.done', { action: label(action) }));
          setAsking(null);
        },
        onError: (err) => {
          if (!AGREEMENT_TRANSITIONS[action].reason) void message.error(errorText(err));
        },
      },
    );

  return (
    <Space size={4} wrap>
      {agreement.allowedActions.map((a) =>
        AGREEMENT_TRANSITIONS[a].reason ? (
          <Button
            key={a}
            size="small"
            danger={a === 'terminate'}
            onClick={() => {
              transition.reset();
              setAsking(a);
            }}
            data-testid={`agreement-${a}-${agreement.id}`}
          >
            {label(a)}
          </Button>
        ) : (
          <Popconfirm
            key={a}
            title={t(
              a === 'resume' ? 'agreementLife.confirmResume' : a === 'activate' ? 'agreementLife.confirmActivate' : 'agreementLife.confirm',
              {
                action: label(a),
              },
            )}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => run(a)}
          >
            <Button
              size="small"
              type="primary"
              loading={transition.isPending && transition.variables.action === a}
              data-testid={`agreement-${a}-${agreement.id}`}
            >
              {label(a)}
            </Button>
          </Popconfirm>
        ),
      )}
      {asking && (
        <ReasonModal
          title={t('agreementLife.reasonTitle', { action: label(asking), name: nameOf(agreement) })}
          hint={t(asking === 'terminate' ? 'agreementLife.terminateHint' : 'agreementLife.suspendHint')}
          danger={asking === 'terminate'}
          okText={label(asking)}
          pending={transition.isPending}
          error={transition.isError ? errorText(transition.error) : null}
          onCancel={() => setAsking(null)}
          onOk={(reason) => run(asking, reason)}
        />
      )}
    </Space>
  );
}

function ReasonModal(props: {
  title: string;
  hint: string;
  danger: boolean;
  okText: string;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onOk: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const empty = !reason.trim();
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: props.danger, loading: props.pending, 'data-testid': 'agreement-reason-ok' } as never}
      onCancel={props.onCancel}
      onOk={() => {
        setTouched(true);
        if (!empty) props.onOk(reason.trim());
      }}
    >
      <Alert type={props.danger ? 'warning' : 'info'} showIcon title={props.hint} style={{ marginBottom: 12 }} />
      {props.error && <Alert type="error" showIcon title={props.error} style={{ marginBottom: 12 }} />}
      <Typography.Text>{t('agreementLife.reasonLabel')}</Typography.Text>
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={reason}
        status={touched && empty ? 'error' : undefined}
        onChange={(e) => setReason(e.target.value)}
        style={{ marginTop: 8 }}
        data-testid="agreement-reason"
      />
      {touched && empty && <Typography.Text type="danger">{t('agreementLife.reasonRequired')}</Typography.Text>}
    </Modal>
  );
}

/** The agreement's status, the reason of its last change, and its history of changes. */
export function AgreementHistoryDrawer({ agreement, onClose }: { agreement: AgreementDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const events = useAgreementEvents(agreement?.id);
  const status = (s: string) => pickLabel(AGREEMENT_STATUS_LABELS, s, lang);
  return (
    <Drawer
      open={Boolean(agreement)}
      size={520}
      title={agreement && t('agreementLife.historyTitle', { name: nameOf(agreement) })}
      onClose={onClose}
    >
      {agreement && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label={t('agreementLife.currentStatus')}>
              <Tag color={AGREEMENT_STATUS_COLOR[agreement.status]} data-testid="agreement-history-status">
                {status(agreement.status)}
              </Tag>
            </Descriptions.Item>
            {agreement.statusReason && (
              <Descriptions.Item label={t('agreementLife.statusReason')}>{agreement.statusReason}</Descriptions.Item>
            )}
            {agreement.statusChangedAt && (
              <Descriptions.Item label={t('agreementLife.changedAt')}>{formatDateTime(agreement.statusChangedAt)}</Descriptions.Item>
            )}
          </Descriptions>
          {events.data && events.data.length === 0 && <Typography.Text type="secondary">{t('agreementLife.noEvents')}</Typography.Text>}
          <Timeline
            data-testid="agreement-history"
            items={[
              { content: `${t('agreementLife.recorded')} · ${formatDateTime(agreement.createdAt)}`, color: 'gray' },
              ...(events.data ?? []).map((e) => ({
                color: AGREEMENT_STATUS_COLOR[e.toStatus as AgreementStatus] === 'red' ? 'red' : 'blue',
                content: (
                  <Space orientation="vertical" size={0}>
                    <span>
                      {pickLabel(AGREEMENT_ACTION_LABELS, e.action, lang)}（
                      {t('agreementLife.eventLine', { from: status(e.fromStatus), to: status(e.toStatus) })}）
                      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                        {formatDateTime(e.at)}
                      </Typography.Text>
                    </span>
                    {e.reason && <Typography.Text type="secondary">{e.reason}</Typography.Text>}
                  </Space>
                ),
              })),
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}
