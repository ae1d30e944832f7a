import { CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { type DrawDto, type PublicDrawDto, SCHOOL_TYPE_LABELS } from '@onex/shared';
import { Alert, Button, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { canRerun, rerunDraw, sameIds } from '../draw-rerun';

interface RerunOutcome {
  targets: string[];
  inspectors: string[] | null;
  same: boolean;
}

/**
 * 按种子复算: re-runs the draw in this browser from its recorded seed over the recorded candidate lists and compares
 * with what was recorded (the parties; the inspectors too when their pool is known, i.e. for the drawer).
 */
export function RerunCheck({ draw }: { draw: PublicDrawDto | DrawDto }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<RerunOutcome | null>(null);
  const [failed, setFailed] = useState(false);
  const names = new Map<string, string>(draw.selected.map((s) => [s.id, s.name]));
  const full = 'inspectorPoolIds' in draw ? draw : null;
  if (full) for (const i of full.inspectors) names.set(i.id, i.name);

  const run = async () => {
    setFailed(false);
    try {
      const targets = await rerunDraw(draw.seed, 'targets', draw.pool.candidateIds, draw.selected.length);
      const inspectors = full ? await rerunDraw(full.seed, 'inspectors', full.inspectorPoolIds, full.inspectors.length) : null;
      const same =
        sameIds(
          targets,
          draw.selected.map((s) => s.id),
        ) &&
        (!full ||
          sameIds(
            inspectors!,
            full.inspectors.map((i) => i.id),
          ));
      setOutcome({ targets, inspectors, same });
    } catch {
      setFailed(true);
    }
  };

  if (!canRerun()) return <Alert type="warning" showIcon title={t('draws.rerunUnavailable')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button icon={<ReloadOutlined />} onClick={() => void run()} data-testid="draw-rerun">
        {t('draws.rerun')}
      </Button>
      {failed && <Alert type="error" showIcon title={t('draws.rerunDiffers')} />}
      {outcome && (
        <Alert
          type={outcome.same ? 'success' : 'error'}
          showIcon
          icon={outcome.same ? <CheckCircleOutlined /> : undefined}
          data-testid="draw-rerun-result"
          title={outcome.same ? t('draws.rerunSame') : t('draws.rerunDiffers')}
          description={
            <div>
              <div>
                {t('draws.rerunTargets')}：{outcome.targets.map((id) => names.get(id) ?? id).join('、')}
              </div>
              {outcome.inspectors && (
                <div>
                  {t('draws.rerunInspectors')}：{outcome.inspectors.map((id) => names.get(id) ?? id).join('、')}
                </div>
              )}
            </div>
          }
        />
      )}
    </Space>
  );
}

/** A draw as recorded: seed, algorithm, candidates, drawn parties and inspectors, the excluded ones and why, the result. */
export function DrawDescription({ draw, names = new Map() }: { draw: PublicDrawDto | DrawDto; names?: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const filterText = (k: string, v: string) =>
    k === 'schoolType'
      ? `${t('draws.schoolType')}：${(SCHOOL_TYPE_LABELS as Record<string, { zh: string; en: string } | undefined>)[v]?.[lang === 'en-US' ? 'en' : 'zh'] ?? v}`
      : k === 'certificateTypeId'
        ? `${t('draws.certificate')}：${names.get(v) ?? v}`
        : `${t('draws.province')}：${names.get(v) ?? v}`;
  const full = 'inspectorPoolIds' in draw ? draw : null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="draw-detail">
      <Descriptions
        size="small"
        bordered
        column={1}
        styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'title', label: t('draws.name'), children: draw.title },
          { key: 'at', label: t('draws.drawnAt'), children: formatDateTime(draw.drawnAt) },
          {
            key: 'pool',
            label: t('draws.poolSize'),
            children: `${t(`draws.poolKinds.${draw.pool.kind}`)} ${draw.pool.size}`,
          },
          ...(full
            ? [
                {
                  key: 'filters',
                  label: t('draws.filters'),
                  children:
                    Object.entries(full.filters)
                      .filter(([, v]) => v)
                      .map(([k, v]) => filterText(k, v!))
                      .join('；') || t('draws.all'),
                },
              ]
            : []),
          {
            key: 'selected',
            label: t('draws.selected'),
            children: (
              <span data-testid="draw-selected">
                {draw.selected.map((s) => (
                  <Tag key={s.id} color="blue">
                    {s.name}
                  </Tag>
                ))}
              </span>
            ),
          },
          {
            key: 'inspectors',
            label: t('draws.inspectors'),
            children: (
              <span data-testid="draw-inspectors">
                {draw.inspectors.map((i) => (
                  <Tag key={i.name}>{i.name}</Tag>
                ))}
              </span>
            ),
          },
          ...(full
            ? [
                {
                  key: 'excluded',
                  label: t('draws.excluded'),
                  children:
                    full.excludedInspectors.length === 0 ? (
                      t('draws.noExcluded')
                    ) : (
                      <Space orientation="vertical" size={0} data-testid="draw-excluded">
                        {full.excludedInspectors.map((x) => (
                          <span key={x.id}>
                            <Tag color="orange">{x.name}</Tag>
                            {t('draws.excludedReason', { party: x.linkedTo.name })}
                          </span>
                        ))}
                      </Space>
                    ),
                },
              ]
            : []),
          {
            key: 'result',
            label: t('draws.result'),
            children: draw.result ?? <Typography.Text type="secondary">{t('draws.noResult')}</Typography.Text>,
          },
          {
            key: 'seed',
            label: t('draws.seed'),
            children: (
              <Typography.Text code copyable data-testid="draw-seed" style={{ wordBreak: 'break-all' }}>
                {draw.seed}
              </Typography.Text>
            ),
          },
          {
            key: 'algorithm',
            label: t('draws.algorithm'),
            children: <Typography.Text style={{ fontSize: 12 }}>{draw.algorithm}</Typography.Text>,
          },
        ]}
      />
      <RerunCheck draw={draw} />
    </Space>
  );
}
