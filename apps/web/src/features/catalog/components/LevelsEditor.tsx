import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CERTIFICATE_LEVELS,
  EXAM_FORMS,
  EXAM_FORM_LABELS,
  NATIONAL_FEE_CAPS_FEN,
  type CertificateLevel,
  type CertificateTypeDetailDto,
  type ExamForm,
} from '@onex/shared';
import { Alert, App, Button, Checkbox, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/i18n';
import { formatFen, pickLabel } from '../../../lib/money';
import { useErrorText } from '../../../lib/useErrorText';
import { ApiError } from '../../../lib/api';
import { useReplaceLevels } from '../api';
import { checkLevel, draftFromLevels, levelsInput, type LevelDraft, type LevelsDraft } from '../levels-editor';
import { levelLabel } from './bits';

/** Levels (初级/中级/高级), each with its pass mark and exam forms with score shares; live checks and fee cap. */
export function LevelsEditor({ type, onDone }: { type: CertificateTypeDetailDto; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<LevelsDraft>(() => draftFromLevels(type.levels));
  const [submitted, setSubmitted] = useState(false);
  const save = useReplaceLevels();

  const update = (level: CertificateLevel, patch: Partial<LevelDraft>) => setDraft((d) => ({ ...d, [level]: { ...d[level], ...patch } }));
  const updateRow = (level: CertificateLevel, i: number, patch: { form?: ExamForm; percent?: number | null }) =>
    setDraft((d) => ({ ...d, [level]: { ...d[level], rows: d[level].rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) } }));

  const serverLevelErrors =
    save.error instanceof ApiError && save.error.code === 'EXAM_FORMS_INVALID' && Array.isArray(save.error.details.levels)
      ? (save.error.details.levels as { level: CertificateLevel; errors: string[] }[])
      : [];

  const onSave = () => {
    setSubmitted(true);
    const r = levelsInput(draft);
    if (!r.ok) return;
    save.mutate(
      { id: type.id, levels: r.levels },
      {
        onSuccess: () => {
          void message.success(t('certTypes.levelsSaved'));
          onDone();
        },
      },
    );
  };

  return (
    <div data-testid="levels-editor">
      <Typography.Paragraph type="secondary">
        {t('certTypes.levelsHint', {
          caps: EXAM_FORMS.map((f) => `${pickLabel(EXAM_FORM_LABELS, f, lang)} ≤ ${formatFen(NATIONAL_FEE_CAPS_FEN[f])}`).join(
            lang === 'en-US' ? '; ' : '；',
          ),
        })}
      </Typography.Paragraph>
      {save.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorText(save.error)}
          description={
            serverLevelErrors.length
              ? serverLevelErrors.map((e) => `${levelLabel(e.level, lang)}：${e.errors.join('；')}`).join('\n')
              : undefined
          }
        />
      )}
      {CERTIFICATE_LEVELS.map((level) => {
        const d = draft[level];
        const check = checkLevel(d);
        const usedForms = new Set(d.rows.map((r) => r.form).filter(Boolean));
        return (
          <div key={level} className="levels-editor-level" data-testid={`level-editor-${level}`}>
            <Space wrap align="center" size="large">
              <Checkbox
                checked={d.enabled}
                onChange={(e) => update(level, { enabled: e.target.checked })}
                data-testid={`level-enable-${level}`}
              >
                <Typography.Text strong>{levelLabel(level, lang)}</Typography.Text>
              </Checkbox>
              {d.enabled && (
                <>
                  <Space size={4}>
                    <span>{t('catalog.passMark')}</span>
                    <InputNumber
                      min={0}
                      max={1000}
                      value={d.passMark}
                      onChange={(v) => update(level, { passMark: v ?? null })}
                      style={{ width: 90 }}
                      data-testid={`level-passmark-${level}`}
                    />
                  </Space>
                  <Space size={4}>
                    <Typography.Text type="secondary">{t('catalog.feeCap')}</Typography.Text>
                    <Typography.Text
                      strong
                      style={{ fontSize: 16, color: check.capFen === null ? undefined : '#1d4fa3' }}
                      data-testid={`level-cap-${level}`}
                    >
                      {check.capFen === null ? t('common.none') : formatFen(check.capFen)}
                    </Typography.Text>
                  </Space>
                </>
              )}
            </Space>
            {d.enabled && (
              <div style={{ marginTop: 12 }}>
                {d.rows.map((r, i) => (
                  <Space key={i} style={{ display: 'flex', marginBottom: 8 }} wrap>
                    <Select<ExamForm>
                      style={{ width: 300 }}
                      placeholder={t('certTypes.examFormPlaceholder')}
                      value={r.form}
                      onChange={(form) => updateRow(level, i, { form })}
                      options={EXAM_FORMS.map((f) => ({
                        value: f,
                        label: `${pickLabel(EXAM_FORM_LABELS, f, lang)}（≤${formatFen(NATIONAL_FEE_CAPS_FEN[f])}）`,
                        disabled: usedForms.has(f) && r.form !== f,
                      }))}
                      data-testid={`level-form-${level}-${i}`}
                    />
                    <InputNumber
                      min={0}
                      max={100}
                      step={5}
                      precision={1}
                      value={r.percent}
                      onChange={(v) => updateRow(level, i, { percent: v ?? null })}
                      suffix="%"
                      style={{ width: 120 }}
                      data-testid={`level-share-${level}-${i}`}
                    />
                    <Button
                      icon={<DeleteOutlined />}
                      disabled={d.rows.length <= 1}
                      onClick={() => update(level, { rows: d.rows.filter((_, j) => j !== i) })}
                      aria-label={t('certTypes.removeForm')}
                    />
                  </Space>
                ))}
                {d.rows.length < EXAM_FORMS.length && (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => update(level, { rows: [...d.rows, { percent: null }] })}
                    data-testid={`level-add-form-${level}`}
                  >
                    {t('certTypes.addForm')}
                  </Button>
                )}
                {check.errors.length > 0 && (
                  <Alert
                    type={submitted ? 'error' : 'warning'}
                    showIcon
                    style={{ marginTop: 8 }}
                    title={check.errors.join('；')}
                    data-testid={`level-errors-${level}`}
                  />
                )}
              </div>
            )}
          </div>
        );
      })}
      <Space>
        <Button type="primary" onClick={onSave} loading={save.isPending} data-testid="levels-save">
          {t('certTypes.saveLevels')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </div>
  );
}
