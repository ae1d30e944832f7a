import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatRate, useStatisticsSummary } from '../lib/statistics';

/** The role's key figures (home page): totals of the statistics API within the user's scope. */
export function KeyFigures() {
  const { t } = useTranslation();
  const s = useStatisticsSummary({ groupBy: 'year' });
  if (!s.data) return null;
  const f = s.data.totals;
  const items = [
    ['pilots', f.pilots],
    ['plannedCandidates', f.plannedCandidates],
    ['examinedCandidates', f.examinedCandidates],
    ['passRate', formatRate(f.passRate)],
    ['certificatesIssued', f.certificatesIssued],
    ['certificatesRevoked', f.certificatesRevoked],
  ] as const;
  return (
    <Card
      title={t('statistics.keyFigures')}
      data-testid="key-figures"
      extra={
        <Typography.Text type="secondary">{t('statistics.asOf', { time: new Date(s.data.asOf).toLocaleString('zh-CN') })}</Typography.Text>
      }
    >
      <Row gutter={[16, 16]}>
        {items.map(([k, v]) => (
          <Col key={k} xs={12} md={8} xl={4}>
            <Statistic title={t(`statistics.${k}`)} value={v} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
