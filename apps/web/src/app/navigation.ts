import type { Role } from '@onex/shared';

/** The pages of the app, and which roles may use each: the one table the menu and the route guard read. */
export type NavKey =
  | 'home'
  | 'catalog'
  | 'certificateTypes'
  | 'evaluationOrgs'
  | 'myOrganization'
  | 'schools'
  | 'mySchool'
  | 'accounts'
  | 'audit'
  | 'apiTokens'
  | 'filings'
  | 'municipalReview'
  | 'expertReviews'
  | 'filingRounds'
  | 'policyRules'
  | 'filingReview'
  | 'filingQuery'
  | 'changeRequests'
  | 'annualPlans'
  | 'learners'
  | 'agreements'
  | 'feeSettlements'
  | 'myExams'
  | 'socialExams'
  | 'socialApplications'
  | 'feeNotices'
  | 'scoreReviews'
  | 'examSessions'
  | 'examRegistrations'
  | 'examSites'
  | 'examSiteReview'
  | 'verify'
  | 'certificateIssuance'
  | 'issuerKeys'
  | 'myCertificates'
  | 'schoolCertificates'
  | 'myLearningAccount'
  | 'learningAccounts'
  | 'creditDeposits'
  | 'recognitionRules'
  | 'conversionApplications'
  | 'creditOutcomes'
  | 'myOutcomeApplications'
  | 'outcomeApplications'
  | 'recognitionLists'
  | 'pilots'
  | 'statistics'
  | 'passRates'
  | 'securityEvents'
  | 'funds'
  | 'fundAllocations'
  | 'typicalCases'
  | 'training'
  | 'consultations'
  | 'reportDuties'
  | 'reportReview'
  | 'reportTypes'
  | 'complaintHandling'
  | 'pilotCancellation'
  | 'inspections'
  | 'inspectionDraws'
  | 'scorecards'
  | 'randomInspections'
  | 'notices'
  | 'publicity'
  | 'policies'
  | 'candidateSelection'
  | 'invigilationArrangement'
  | 'approvedScales'
  | 'examSiteRegister';

/**
 * The menu groups, in display order (labels `menu.group.<key>`). `home` holds the home page alone, drawn on top
 * without a heading; a group with a single item of a role's menu is drawn flat.
 */
export const NAV_GROUPS = [
  'home',
  'schools',
  'organizations',
  'filings',
  'exams',
  'certificates',
  'creditBank',
  'supervision',
  'statsFunds',
  'system',
] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface NavItem {
  key: NavKey;
  /** The menu group the item is drawn in. */
  group: NavGroup;
  path: string;
  /** i18n key of the menu label. */
  labelKey: `menu.${NavKey}`;
  /** Roles that see the item; `'all'` for every signed-in role. */
  roles: readonly Role[] | 'all';
  /** Open without signing in (the public catalog). */
  public?: boolean;
  /** Further path prefixes that highlight this item (e.g. a school administrator on `/schools/<id>`). */
  alsoMatches?: readonly string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', group: 'home', path: '/', labelKey: 'menu.home', roles: 'all' },
  { key: 'catalog', group: 'certificates', path: '/catalog', labelKey: 'menu.catalog', roles: 'all', public: true },
  // 证书查询 (R6.2): public, also the QR code's and share links' pages `/verify/c/<code>`, `/verify/s/<token>`.
  { key: 'verify', group: 'certificates', path: '/verify', labelKey: 'menu.verify', roles: 'all', public: true },
  {
    key: 'certificateTypes',
    group: 'certificates',
    path: '/certificate-types',
    labelKey: 'menu.certificateTypes',
    roles: ['national_admin', 'org_admin'],
  },
  { key: 'evaluationOrgs', group: 'organizations', path: '/evaluation-orgs', labelKey: 'menu.evaluationOrgs', roles: ['national_admin'] },
  { key: 'myOrganization', group: 'organizations', path: '/my-organization', labelKey: 'menu.myOrganization', roles: ['org_admin'] },
  // 收费公告 (issue 17 item 6): the organization's fee per certificate level for pilot schools and social candidates.
  { key: 'feeNotices', group: 'organizations', path: '/fee-notices', labelKey: 'menu.feeNotices', roles: ['org_admin'] },
  {
    key: 'schools',
    group: 'schools',
    path: '/schools',
    labelKey: 'menu.schools',
    roles: ['national_admin', 'province_admin', 'municipal_admin'],
  },
  {
    key: 'mySchool',
    group: 'schools',
    path: '/my-school',
    labelKey: 'menu.mySchool',
    roles: ['school_admin', 'department_admin'],
    alsoMatches: ['/schools'],
  },
  {
    key: 'accounts',
    group: 'system',
    path: '/accounts',
    labelKey: 'menu.accounts',
    roles: ['national_admin', 'province_admin', 'school_admin'],
  },
  {
    key: 'audit',
    group: 'system',
    path: '/audit',
    labelKey: 'menu.audit',
    roles: ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'org_admin'],
  },
  // 统计分析 (R10.1): every role that has figures; the server scopes them.
  {
    key: 'statistics',
    group: 'statsFunds',
    path: '/statistics',
    labelKey: 'menu.statistics',
    roles: ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'department_admin', 'project_leader', 'org_admin'],
  },
  // 通过率 (R5.6, R3.9): who may read pass rates (the server scopes them); the province also grants overrides here.
  {
    key: 'passRates',
    group: 'statsFunds',
    path: '/pass-rates',
    labelKey: 'menu.passRates',
    roles: ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'department_admin', 'org_admin'],
  },
  { key: 'apiTokens', group: 'system', path: '/api-tokens', labelKey: 'menu.apiTokens', roles: ['org_admin'] },
  // Pilot filings (R3): one detail page `/filings/<id>` for every role, highlighted under the role's own item.
  {
    key: 'filings',
    group: 'filings',
    path: '/filings',
    labelKey: 'menu.filings',
    roles: ['school_admin', 'department_admin', 'project_leader'],
  },
  {
    key: 'municipalReview',
    group: 'filings',
    path: '/municipal-review',
    labelKey: 'menu.municipalReview',
    roles: ['municipal_admin'],
    alsoMatches: ['/filings'],
  },
  {
    key: 'expertReviews',
    group: 'filings',
    path: '/expert-reviews',
    labelKey: 'menu.expertReviews',
    roles: ['expert'],
    alsoMatches: ['/filings'],
  },
  { key: 'filingRounds', group: 'filings', path: '/filing-rounds', labelKey: 'menu.filingRounds', roles: ['province_admin'] },
  // Policies with a jurisdiction (issue 18 #0): the documents in force and the province's or school's own rules.
  {
    key: 'policyRules',
    group: 'filings',
    path: '/policy-rules',
    labelKey: 'menu.policyRules',
    roles: ['national_admin', 'province_admin', 'school_admin'],
  },
  {
    key: 'filingReview',
    group: 'filings',
    path: '/filing-review',
    labelKey: 'menu.filingReview',
    roles: ['province_admin'],
    alsoMatches: ['/filings'],
  },
  {
    key: 'filingQuery',
    group: 'filings',
    path: '/filing-query',
    labelKey: 'menu.filingQuery',
    roles: ['national_admin'],
    alsoMatches: ['/filings'],
  },
  // After approval: change requests decided by the province (R3.7), annual plans filed by the school (R3.8).
  { key: 'changeRequests', group: 'filings', path: '/change-requests', labelKey: 'menu.changeRequests', roles: ['province_admin'] },
  { key: 'annualPlans', group: 'filings', path: '/annual-plans', labelKey: 'menu.annualPlans', roles: ['school_admin', 'province_admin'] },
  // Exams (R4–R5): the school's students, pilot agreements and fees; the learner's own exams.
  { key: 'learners', group: 'schools', path: '/learners', labelKey: 'menu.learners', roles: ['school_admin'] },
  // Issue 17 item 5: the parties (school, organization) and the province move an agreement through its life.
  {
    key: 'agreements',
    group: 'filings',
    path: '/agreements',
    labelKey: 'menu.agreements',
    roles: ['province_admin', 'school_admin', 'org_admin'],
  },
  {
    key: 'feeSettlements',
    group: 'exams',
    path: '/fee-settlements',
    labelKey: 'menu.feeSettlements',
    roles: ['school_admin', 'org_admin'],
  },
  { key: 'myExams', group: 'exams', path: '/my-exams', labelKey: 'menu.myExams', roles: ['learner'] },
  // Social learners' channel (issue 17 item 1): the social learner applies and pays; the organization confirms.
  { key: 'socialExams', group: 'exams', path: '/social-exams', labelKey: 'menu.socialExams', roles: ['learner'] },
  { key: 'socialApplications', group: 'exams', path: '/social-applications', labelKey: 'menu.socialApplications', roles: ['org_admin'] },
  // 成绩复核 (issue 17 item 4): the organization answers (the province and the school read them through the API).
  { key: 'scoreReviews', group: 'exams', path: '/score-reviews', labelKey: 'menu.scoreReviews', roles: ['org_admin'] },
  // One list and detail `/exam-sessions/<id>`: the organization schedules and scores, the school proposes candidates.
  { key: 'examSites', group: 'exams', path: '/exam-sites', labelKey: 'menu.examSites', roles: ['school_admin'] },
  { key: 'examSiteReview', group: 'exams', path: '/exam-site-review', labelKey: 'menu.examSiteReview', roles: ['org_admin'] },
  { key: 'examSessions', group: 'exams', path: '/exam-sessions', labelKey: 'menu.examSessions', roles: ['org_admin'] },
  {
    key: 'examRegistrations',
    group: 'exams',
    path: '/exam-registrations',
    labelKey: 'menu.examRegistrations',
    roles: ['school_admin'],
    alsoMatches: ['/exam-sessions'],
  },
  // Certificates (R6): issuance and signing keys of the organization, the learner's own certificates, the school's
  // learners' certificates (public verification is beside the catalog).
  {
    key: 'certificateIssuance',
    group: 'certificates',
    path: '/certificate-issuance',
    labelKey: 'menu.certificateIssuance',
    roles: ['org_admin'],
  },
  { key: 'issuerKeys', group: 'certificates', path: '/issuer-keys', labelKey: 'menu.issuerKeys', roles: ['org_admin'] },
  { key: 'myCertificates', group: 'certificates', path: '/my-certificates', labelKey: 'menu.myCertificates', roles: ['learner'] },
  {
    key: 'schoolCertificates',
    group: 'certificates',
    path: '/certificates',
    labelKey: 'menu.schoolCertificates',
    roles: ['school_admin', 'department_admin', 'project_leader'],
  },
  // Credit bank (R7): the learner's own account; the school's accounts, deposits, rules and applications queue; the
  // province reads its schools' accounts, recognition rules and applications; the national administrator keeps the
  // outcome catalog.
  { key: 'myLearningAccount', group: 'creditBank', path: '/my-learning-account', labelKey: 'menu.myLearningAccount', roles: ['learner'] },
  {
    key: 'learningAccounts',
    group: 'creditBank',
    path: '/learning-accounts',
    labelKey: 'menu.learningAccounts',
    roles: ['school_admin', 'province_admin'],
  },
  { key: 'creditDeposits', group: 'creditBank', path: '/credit-deposits', labelKey: 'menu.creditDeposits', roles: ['school_admin'] },
  {
    key: 'recognitionRules',
    group: 'creditBank',
    path: '/recognition-rules',
    labelKey: 'menu.recognitionRules',
    roles: ['school_admin', 'province_admin'],
  },
  {
    key: 'conversionApplications',
    group: 'creditBank',
    path: '/conversion-applications',
    labelKey: 'menu.conversionApplications',
    roles: ['school_admin', 'province_admin'],
  },
  { key: 'creditOutcomes', group: 'creditBank', path: '/credit-outcomes', labelKey: 'menu.creditOutcomes', roles: ['national_admin'] },
  // Issue 18: learners' own outcomes (item 6), the public recognition lists (item 7), pilot task books and acceptance (item 5).
  {
    key: 'myOutcomeApplications',
    group: 'creditBank',
    path: '/my-outcome-applications',
    labelKey: 'menu.myOutcomeApplications',
    roles: ['learner'],
  },
  {
    key: 'outcomeApplications',
    group: 'creditBank',
    path: '/outcome-applications',
    labelKey: 'menu.outcomeApplications',
    roles: ['school_admin', 'province_admin'],
  },
  {
    key: 'recognitionLists',
    group: 'creditBank',
    path: '/recognition-lists',
    labelKey: 'menu.recognitionLists',
    roles: 'all',
    public: true,
  },
  {
    key: 'pilots',
    group: 'filings',
    path: '/pilots',
    labelKey: 'menu.pilots',
    roles: ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'department_admin'],
  },
  { key: 'securityEvents', group: 'system', path: '/security-events', labelKey: 'menu.securityEvents', roles: ['national_admin'] },
  // Special funds (R4.5–R4.6): budgets, approval and ledger of the school; the province reads its schools' funds and
  // allocates by the factor method.
  {
    key: 'funds',
    group: 'statsFunds',
    path: '/funds',
    labelKey: 'menu.funds',
    roles: ['school_admin', 'department_admin', 'province_admin', 'national_admin'],
  },
  { key: 'fundAllocations', group: 'statsFunds', path: '/fund-allocations', labelKey: 'menu.fundAllocations', roles: ['province_admin'] },
  // Typical cases (R9.2): the province's collections, review and selection; a school's cases (`/typical-cases/cases/<id>`).
  // Training (R9.3): plans per pilot, records, teachers' certificates, coverage. The consultation desk (教职成司函〔2019〕
  // 36号 三.5). The public collections (`/public/typical-cases`) and the FAQ (`/faq`) are public routes without a menu item.
  {
    key: 'typicalCases',
    group: 'filings',
    path: '/typical-cases',
    labelKey: 'menu.typicalCases',
    roles: ['national_admin', 'province_admin', 'municipal_admin', 'school_admin'],
  },
  {
    key: 'training',
    group: 'filings',
    path: '/training',
    labelKey: 'menu.training',
    roles: ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'department_admin', 'project_leader'],
  },
  {
    key: 'consultations',
    group: 'certificates',
    path: '/consultations',
    labelKey: 'menu.consultations',
    roles: ['org_admin', 'school_admin', 'department_admin', 'project_leader', 'learner'],
  },
  // Supervision (R8): reports filed by whoever a report type names (department, project leader, school) and reviewed
  // by the province or the national administrator at `/supervision/reports/<id>`; report types; complaint handling
  // (the handler's detail `/complaints/<id>`, the link of its notifications); pilot cancellation (R8.3).
  {
    key: 'reportDuties',
    group: 'supervision',
    path: '/supervision/reports',
    labelKey: 'menu.reportDuties',
    roles: ['school_admin', 'department_admin', 'project_leader'],
  },
  {
    key: 'reportReview',
    group: 'supervision',
    path: '/supervision/review',
    labelKey: 'menu.reportReview',
    roles: ['province_admin', 'national_admin'],
    alsoMatches: ['/supervision/reports'],
  },
  {
    key: 'reportTypes',
    group: 'supervision',
    path: '/supervision/report-types',
    labelKey: 'menu.reportTypes',
    roles: ['province_admin', 'national_admin'],
  },
  {
    key: 'complaintHandling',
    group: 'supervision',
    path: '/supervision/complaints',
    labelKey: 'menu.complaintHandling',
    roles: ['national_admin', 'province_admin', 'municipal_admin'],
    alsoMatches: ['/complaints'],
  },
  {
    key: 'pilotCancellation',
    group: 'supervision',
    path: '/supervision/flags',
    labelKey: 'menu.pilotCancellation',
    roles: ['province_admin', 'national_admin'],
  },
  // Supervision (R8.2, R8.4, R8.7): inspections and rectification for the inspecting level and the inspected school or
  // department (detail `/supervision/inspections/<id>`, the notifications' link); random draws and scorecards for the
  // province and the national administrator; 双随机一公开 is public.
  {
    key: 'inspections',
    group: 'supervision',
    path: '/supervision/inspections',
    labelKey: 'menu.inspections',
    roles: ['national_admin', 'province_admin', 'school_admin', 'department_admin'],
  },
  {
    key: 'inspectionDraws',
    group: 'supervision',
    path: '/supervision/draws',
    labelKey: 'menu.inspectionDraws',
    roles: ['national_admin', 'province_admin'],
  },
  {
    key: 'scorecards',
    group: 'supervision',
    path: '/supervision/scorecards',
    labelKey: 'menu.scorecards',
    roles: ['national_admin', 'province_admin'],
  },
  {
    key: 'randomInspections',
    group: 'supervision',
    path: '/random-inspections',
    labelKey: 'menu.randomInspections',
    roles: 'all',
    public: true,
  },
  // Notices and 公示 (R9.1, R9.4): every role reads its notices (detail `/notices/<id>`); publishers and the
  // administrators of 公示; the public policy page and the items on display need no account.
  { key: 'notices', group: 'supervision', path: '/notices', labelKey: 'menu.notices', roles: 'all' },
  {
    key: 'publicity',
    group: 'supervision',
    path: '/publicity',
    labelKey: 'menu.publicity',
    roles: ['national_admin', 'province_admin', 'org_admin'],
  },
  {
    key: 'policies',
    group: 'supervision',
    path: '/policies',
    labelKey: 'menu.policies',
    roles: 'all',
    public: true,
    alsoMatches: ['/public-display'],
  },
  // Issue 17: a department selects its students and arranges invigilation (item 3; 001 第十二条, 第十五条); the approved
  // scale of each pilot (item 4; 002 四.2); the public register of exam sites of every organization (item 8; R5.1).
  {
    key: 'candidateSelection',
    group: 'exams',
    path: '/candidate-selection',
    labelKey: 'menu.candidateSelection',
    roles: ['department_admin'],
  },
  {
    key: 'invigilationArrangement',
    group: 'exams',
    path: '/invigilation',
    labelKey: 'menu.invigilationArrangement',
    roles: ['department_admin'],
  },
  {
    key: 'approvedScales',
    group: 'filings',
    path: '/approved-scales',
    labelKey: 'menu.approvedScales',
    roles: ['province_admin', 'school_admin'],
  },
  { key: 'examSiteRegister', group: 'exams', path: '/public/exam-sites', labelKey: 'menu.examSiteRegister', roles: 'all', public: true },
];

/** Every page that opens a filing's detail (`/filings/<id>`). */
export const FILING_NAV_KEYS: readonly NavKey[] = ['filings', 'municipalReview', 'expertReviews', 'filingReview', 'filingQuery'];

export function navItem(key: NavKey): NavItem {
  const item = NAV_ITEMS.find((i) => i.key === key);
  if (!item) throw new Error(`unknown nav item ${key}`);
  return item;
}

export function canUse(role: Role, key: NavKey | readonly NavKey[]): boolean {
  const keys: readonly NavKey[] = typeof key === 'string' ? [key] : key;
  return keys.some((k) => {
    const { roles } = navItem(k);
    return roles === 'all' || roles.includes(role);
  });
}

/** The menu of a role, in display order; without a role, the public pages. */
export function menuFor(role: Role | null): NavItem[] {
  if (!role) return NAV_ITEMS.filter((i) => i.public);
  return NAV_ITEMS.filter((i) => i.roles === 'all' || i.roles.includes(role));
}

export interface NavGroupEntry {
  group: NavGroup;
  items: NavItem[];
}

/** The menu of a role in groups (order of NAV_GROUPS; inside a group, the order of menuFor); no group is empty. */
export function menuGroupsFor(role: Role | null): NavGroupEntry[] {
  const items = menuFor(role);
  return NAV_GROUPS.map((group) => ({ group, items: items.filter((i) => i.group === group) })).filter((g) => g.items.length > 0);
}

const under = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** The menu key to highlight for a location path (`/accounts/x` → accounts), among the items of `role` when given. */
export function selectedNavKey(pathname: string, role?: Role | null): NavKey | undefined {
  const items = role === undefined ? NAV_ITEMS : menuFor(role);
  let best: { key: NavKey; len: number } | undefined;
  for (const item of items) {
    const prefixes = [item.path, ...(item.alsoMatches ?? [])];
    for (const p of prefixes) {
      const match = p === '/' ? pathname === '/' : under(pathname, p);
      if (match && (!best || p.length > best.len)) best = { key: item.key, len: p.length };
    }
  }
  return best?.key;
}

/** Where a signed-in page sits: its menu item, the item's group, and whether the page is a detail below the item's list. */
export interface PageTrail {
  item: NavItem;
  group: NavGroup;
  /** A detail page (`/filings/<id>` under the role's filing list), shown as 详情 after the list. */
  detail: boolean;
}

/** The breadcrumb trail of a location path (首页 / group / page [/ 详情]); undefined for an unknown path. */
export function pageTrail(pathname: string, role?: Role | null): PageTrail | undefined {
  const key = selectedNavKey(pathname, role);
  if (!key) return undefined;
  const item = navItem(key);
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return { item, group: item.group, detail: path !== item.path };
}
