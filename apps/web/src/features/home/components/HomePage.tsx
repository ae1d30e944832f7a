import { CheckCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { ADMIN_ROLES } from '@onex/shared';
import { Button, Card, Col, Descriptions, List, Row, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { canUse, menuFor } from '../../../app/navigation';
import { useScopeOptions } from '../../../lib/scope-options';
import { useUser } from '../../../lib/session';
import { roleLabel, useLang } from '../../../lib/i18n';
import { useRegions, useScopeLabel } from '../api';
import { describeScope, type ScopeNames } from '../scope';
import { KeyFigures } from '../../../components/KeyFigures';
import { Todos } from './Todos';

export function HomePage() {
  const { t } = useTranslation();
  const { lang, messages } = useLang();
  const user = useUser();
  const navigate = useNavigate();

  const provinces = useRegions(undefined, Boolean(user.scope.provinceCode));
  const cities = useRegions(user.scope.provinceCode, Boolean(user.scope.cityCode && user.scope.provinceCode));
  // Account administrators may read the names of what lies in their scope (their school, its departments).
  const options = useScopeOptions(canUse(user.role, 'accounts') && Boolean(user.scope.schoolId));

  const names = useMemo<ScopeNames>(() => {
    const regions = new Map<string, string>();
    for (const r of [...(provinces.data ?? []), ...(cities.data ?? [])]) regions.set(r.code, r.name);
    return {
      regions,
      schools: new Map((options.data?.schools ?? []).map((s) => [s.id, s.name])),
      departments: new Map((options.data?.departments ?? []).map((d) => [d.id, d.name])),
      orgs: new Map((options.data?.orgs ?? []).map((o) => [o.id, o.name])),
    };
  }, [provinces.data, cities.data, options.data]);

  const scopeLabel = useScopeLabel(user.id);
  const scopeLines = describeScope(user.scope, names);
  const duties = messages.duties[user.role];
  const shortcuts = menuFor(user.role).filter((i) => i.key !== 'home');
  const isAdmin = ADMIN_ROLES.includes(user.role);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space align="center" wrap size="middle">
            <SafetyCertificateOutlined style={{ fontSize: 36, color: '#1d4fa3' }} />
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-title">
              {t('home.welcome', { name: user.displayName })}
            </Typography.Title>
            <Tag color={isAdmin ? 'blue' : 'green'} data-testid="home-role" style={{ fontSize: 14, padding: '2px 10px' }}>
              {roleLabel(user.role, lang)}
            </Tag>
          </Space>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              { key: 'username', label: t('home.username'), children: user.username },
              { key: 'role', label: t('home.role'), children: roleLabel(user.role, lang) },
              {
                key: 'scope',
                label: t('home.scope'),
                span: 'filled',
                children: (
                  <span data-testid="home-scope">
                    {scopeLabel.data ? (
                      <Typography.Text strong>{scopeLabel.data}</Typography.Text>
                    ) : scopeLines.length === 0 ? (
                      user.role === 'national_admin' ? (
                        t('home.nationwide')
                      ) : (
                        t('home.noScope')
                      )
                    ) : (
                      scopeLines.map((l) => (
                        <span key={l.part} style={{ marginInlineEnd: 16, whiteSpace: 'nowrap' }}>
                          <Typography.Text type="secondary">
                            {t(`home.${l.part}`)}
                            {lang === 'en-US' ? ': ' : '：'}
                          </Typography.Text>
                          {l.value}
                          {l.value !== l.code && (l.part === 'province' || l.part === 'city') ? (
                            <Typography.Text type="secondary"> ({l.code})</Typography.Text>
                          ) : null}
                        </span>
                      ))
                    )}
                  </span>
                ),
              },
            ]}
          />
        </Space>
      </Card>
      <Todos />
      {canUse(user.role, 'statistics') && <KeyFigures />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={shortcuts.length ? 14 : 24}>
          <Card title={t('home.duties')} style={{ height: '100%' }}>
            <List
              dataSource={duties}
              data-testid="home-duties"
              renderItem={(line) => (
                <List.Item>
                  <Space>
                    <CheckCircleOutlined style={{ color: '#52c41a' }} />
                    {line}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        {shortcuts.length > 0 && (
          <Col xs={24} lg={10}>
            <Card title={t('home.quickLinks')} style={{ height: '100%' }}>
              <Space wrap>
                {shortcuts.map((s) => (
                  <Button key={s.key} onClick={() => navigate(s.path)}>
                    {t(s.labelKey)}
                  </Button>
                ))}
              </Space>
            </Card>
          </Col>
        )}
      </Row>
    </Space>
  );
}
