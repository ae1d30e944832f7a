import { CERTIFICATE_LEVELS, CERTIFICATE_LEVEL_LABELS, SCHOOL_TYPES, SCHOOL_TYPE_LABELS, type FilingRuleDef } from '@onex/shared';
import { Form, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { pickLabel } from '../../../lib/money';

/** A rule's parameters as labelled controls (issue 21 #8): numbers, a percentage, and levels per school type. */
export function RuleParamsEditor({ rule }: { rule: FilingRuleDef }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const keys = Object.keys(rule.params);
  if (!keys.length) return <Typography.Text type="secondary">{t('rounds.noParams')}</Typography.Text>;
  const name = (k: string, ...rest: string[]) => ['rules', rule.id, 'params', k, ...rest];
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {keys.map((k) => {
        const label = t(`rounds.param.${k}`, { defaultValue: k });
        if (k === 'minPassRate')
          return (
            <Form.Item
              key={k}
              name={name(k)}
              label={label}
              style={{ margin: 0 }}
              // Stored as a ratio (0.9), edited as a percentage (90).
              getValueProps={(v: number | null | undefined) => ({ value: typeof v === 'number' ? Math.round(v * 1000) / 10 : v })}
              normalize={(v: number | null) => (typeof v === 'number' ? v / 100 : v)}
            >
              <InputNumber min={0} max={100} precision={1} suffix="%" style={{ width: 120 }} />
            </Form.Item>
          );
        if (k === 'allowedLevels')
          return (
            <Space key={k} orientation="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text>{label}</Typography.Text>
              {SCHOOL_TYPES.map((st) => (
                <Form.Item key={st} name={name(k, st)} label={pickLabel(SCHOOL_TYPE_LABELS, st, lang)} style={{ margin: 0 }}>
                  <Select
                    mode="multiple"
                    style={{ minWidth: 220 }}
                    options={CERTIFICATE_LEVELS.map((l) => ({ value: l, label: pickLabel(CERTIFICATE_LEVEL_LABELS, l, lang) }))}
                  />
                </Form.Item>
              ))}
            </Space>
          );
        return (
          <Form.Item key={k} name={name(k)} label={label} style={{ margin: 0 }}>
            <InputNumber min={0} precision={0} style={{ width: 120 }} />
          </Form.Item>
        );
      })}
    </Space>
  );
}
