import {
  EyeOutlined,
  FundOutlined,
  UsergroupAddOutlined,
  FileProtectOutlined,
  InteractionOutlined,
  StarOutlined,
  BarChartOutlined,
  PercentageOutlined,
  ApartmentOutlined,
  PieChartOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  CalendarOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormOutlined,
  DownOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
  DiffOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  AccountBookOutlined,
  PayCircleOutlined,
  ReadOutlined,
  CarryOutOutlined,
  UserAddOutlined,
  EnvironmentOutlined,
  CheckSquareOutlined,
  SafetyOutlined,
  TrophyOutlined,
  WalletOutlined,
  DatabaseOutlined,
  NodeIndexOutlined,
  SwapOutlined,
  UnorderedListOutlined,
  AlertOutlined,
  SendOutlined,
  MessageOutlined,
  StopOutlined,
  ProfileOutlined,
  BulbOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Avatar, Breadcrumb, Dropdown, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { menuFor, menuGroupsFor, pageTrail, selectedNavKey, type NavKey } from '../app/navigation';
import { ChangePasswordModal } from '../features/auth/components/ChangePasswordModal';
import { useSession, useUser } from '../lib/session';
import { api } from '../lib/api';
import { goToLogin } from '../lib/login-url';
import { roleLabel, useLang } from '../lib/i18n';
import { NotificationBell } from '../features/notifications/components/NotificationBell';
import { LanguageSwitch } from './LanguageSwitch';
import './layout.css';

const ICONS: Record<NavKey, ReactNode> = {
  home: <HomeOutlined />,
  catalog: <BookOutlined />,
  certificateTypes: <SafetyCertificateOutlined />,
  evaluationOrgs: <ApartmentOutlined />,
  myOrganization: <IdcardOutlined />,
  schools: <BankOutlined />,
  mySchool: <ShopOutlined />,
  accounts: <TeamOutlined />,
  audit: <AuditOutlined />,
  apiTokens: <KeyOutlined />,
  filings: <FileTextOutlined />,
  municipalReview: <FileSearchOutlined />,
  expertReviews: <FormOutlined />,
  filingRounds: <CalendarOutlined />,
  policyRules: <FileProtectOutlined />,
  filingReview: <FileDoneOutlined />,
  filingQuery: <FileSearchOutlined />,
  changeRequests: <DiffOutlined />,
  annualPlans: <ScheduleOutlined />,
  learners: <SolutionOutlined />,
  agreements: <AccountBookOutlined />,
  feeSettlements: <PayCircleOutlined />,
  myExams: <ReadOutlined />,
  scoreReviews: <AuditOutlined />,
  socialExams: <ReadOutlined />,
  socialApplications: <AuditOutlined />,
  feeNotices: <PayCircleOutlined />,
  verify: <SafetyOutlined />,
  certificateIssuance: <SafetyCertificateOutlined />,
  issuerKeys: <KeyOutlined />,
  myCertificates: <TrophyOutlined />,
  schoolCertificates: <TrophyOutlined />,
  examSessions: <CarryOutOutlined />,
  examRegistrations: <UserAddOutlined />,
  examSites: <EnvironmentOutlined />,
  examSiteReview: <CheckSquareOutlined />,
  myLearningAccount: <WalletOutlined />,
  learningAccounts: <WalletOutlined />,
  creditDeposits: <DatabaseOutlined />,
  recognitionRules: <NodeIndexOutlined />,
  conversionApplications: <SwapOutlined />,
  creditOutcomes: <UnorderedListOutlined />,
  myOutcomeApplications: <FormOutlined />,
  outcomeApplications: <FileDoneOutlined />,
  recognitionLists: <BookOutlined />,
  pilots: <AuditOutlined />,
  statistics: <BarChartOutlined />,
  passRates: <PercentageOutlined />,
  securityEvents: <AlertOutlined />,
  funds: <AccountBookOutlined />,
  fundAllocations: <PieChartOutlined />,
  typicalCases: <BulbOutlined />,
  training: <ReadOutlined />,
  consultations: <QuestionCircleOutlined />,
  reportDuties: <SendOutlined />,
  reportReview: <FileDoneOutlined />,
  reportTypes: <ProfileOutlined />,
  complaintHandling: <MessageOutlined />,
  pilotCancellation: <StopOutlined />,
  inspections: <FileProtectOutlined />,
  inspectionDraws: <InteractionOutlined />,
  scorecards: <StarOutlined />,
  randomInspections: <EyeOutlined />,
  notices: <BookOutlined />,
  publicity: <EyeOutlined />,
  policies: <BookOutlined />,
  candidateSelection: <UsergroupAddOutlined />,
  invigilationArrangement: <EyeOutlined />,
  approvedScales: <FundOutlined />,
  examSiteRegister: <EnvironmentOutlined />,
};

function useVersion(): string | undefined {
  const q = useQuery({
    queryKey: ['health'],
    queryFn: () => api.get<{ status: string; database: string; version: string }>('/health'),
    staleTime: Infinity,
    retry: false,
  });
  return q.data?.version;
}

export function AppLayout() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const user = useUser();
  const { signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [pwdOpen, setPwdOpen] = useState(false);
  const version = useVersion();

  const items = menuFor(user.role).map((i) => ({ key: i.key, icon: ICONS[i.key], label: t(i.labelKey), path: i.path }));
  const selected = selectedNavKey(location.pathname, user.role);
  // Grouped menu: the home page on top, then one heading per group; a group with one item stays flat.
  const menuItems = menuGroupsFor(user.role).flatMap<NonNullable<MenuProps['items']>[number]>(({ group, items: inGroup }) => {
    const entries = inGroup.map((i) => ({ key: i.key, icon: ICONS[i.key], label: t(i.labelKey) }));
    if (group === 'home' || entries.length === 1) return entries;
    return [{ key: `group-${group}`, type: 'group' as const, label: t(`menu.group.${group}`), children: entries }];
  });
  const trail = pageTrail(location.pathname, user.role);
  const crumbs = trail
    ? [
        { key: 'home', title: trail.item.key === 'home' ? t('menu.home') : <Link to="/">{t('menu.home')}</Link> },
        // The group, unless it only repeats the page's name (试点备案 / 试点备案).
        ...(trail.group === 'home' || t(`menu.group.${trail.group}`) === t(trail.item.labelKey)
          ? []
          : [{ key: 'group', title: t(`menu.group.${trail.group}`) }]),
        ...(trail.item.key === 'home'
          ? []
          : [{ key: 'page', title: trail.detail ? <Link to={trail.item.path}>{t(trail.item.labelKey)}</Link> : t(trail.item.labelKey) }]),
        ...(trail.detail ? [{ key: 'detail', title: t('app.detail') }] : []),
      ]
    : [];

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        type: 'group',
        label: (
          <div className="user-menu-who">
            <div className="user-menu-name">{user.displayName}</div>
            <div className="user-menu-role">
              {roleLabel(user.role, lang)} · {user.username}
            </div>
          </div>
        ),
      },
      { type: 'divider' },
      { key: 'password', icon: <LockOutlined />, label: t('auth.changePassword') },
      { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setPwdOpen(true);
      if (key === 'logout') void signOut().then(() => goToLogin({ notice: 'loggedOut' }));
    },
  };

  return (
    <Layout className="app-shell">
      <Layout.Sider width={220} collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" className="app-sider">
        <div className="app-logo" title={t('app.title')}>
          <span className="app-logo-mark">1+X</span>
          {!collapsed && <span className="app-logo-text">{lang === 'en-US' ? 'Certificates' : '证书平台'}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={menuItems}
          onClick={({ key }) => {
            const item = items.find((i) => i.key === key);
            if (item) void navigate(item.path);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Typography.Title level={4} className="app-header-title">
            {t('app.title')}
          </Typography.Title>
          <Space size="large" align="center">
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <a className="app-user" onClick={(e) => e.preventDefault()} href="#" aria-label={t('auth.userMenu')} data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1d4fa3' }} />
                <span className="app-user-name">{user.displayName}</span>
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {roleLabel(user.role, lang)}
                </Tag>
                <DownOutlined style={{ fontSize: 10 }} />
              </a>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          {crumbs.length > 1 && (
            <nav aria-label={t('app.breadcrumb')} data-testid="breadcrumbs">
              <Breadcrumb className="app-breadcrumb" items={crumbs} />
            </nav>
          )}
          <Outlet />
        </Layout.Content>
        <Layout.Footer className="app-footer">
          © {t('app.footer')}
          {version ? ` · ${t('app.version', { version })}` : ''}
        </Layout.Footer>
      </Layout>
      <ChangePasswordModal open={pwdOpen} onClose={() => setPwdOpen(false)} />
    </Layout>
  );
}
