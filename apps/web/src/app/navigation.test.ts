import { ROLES } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import zhCN from '../locales/zh-CN';
import { canUse, FILING_NAV_KEYS, menuFor, menuGroupsFor, NAV_GROUPS, NAV_ITEMS, pageTrail, selectedNavKey } from './navigation';

/** The special-fund pages (R4.5–R4.6) come after everything else; the positional assertions read menus without them. */
const FUND_KEYS: readonly string[] = ['funds', 'fundAllocations'];
/** The supervision pages (R8) come after the funds; the positional assertions read menus without them. */
const SUPERVISION_KEYS: readonly string[] = [
  'reportDuties',
  'reportReview',
  'reportTypes',
  'complaintHandling',
  'pilotCancellation',
  'inspections',
  'inspectionDraws',
  'scorecards',
  'randomInspections',
];
/** Notices and 公示 (issue 14, R9.1, R9.4) come after supervision. */
const NOTICE_KEYS: readonly string[] = ['notices', 'publicity', 'policies'];
/** Pages of issues 14 and 18 (typical cases, training, consultations; own outcomes, their review, recognition lists,
 * pilot acceptance) and the notices: asserted on their own; the positional assertions read menus without them. */
const LATER_KEYS: readonly string[] = [
  'typicalCases',
  'training',
  'consultations',
  'myOutcomeApplications',
  'outcomeApplications',
  'recognitionLists',
  'pilots',
  ...NOTICE_KEYS,
  // Issue 17: a department's 考生遴选 and 监考安排 (item 3), 核定规模 (item 4), 考核站点名录 (item 8).
  'candidateSelection',
  'invigilationArrangement',
  'approvedScales',
  'examSiteRegister',
];
const fullMenu = (role: Parameters<typeof menuFor>[0]) => menuFor(role).map((i) => i.key);
const everyKey = (role: Parameters<typeof menuFor>[0]) => fullMenu(role).filter((k) => !LATER_KEYS.includes(k));
const noticeKeys = (role: Parameters<typeof menuFor>[0]) => fullMenu(role).filter((k) => NOTICE_KEYS.includes(k));
const allKeys = (role: Parameters<typeof menuFor>[0]) => everyKey(role).filter((k) => !SUPERVISION_KEYS.includes(k));
const keys = (role: Parameters<typeof menuFor>[0]) => allKeys(role).filter((k) => !FUND_KEYS.includes(k));
const withItem = (key: string) => ROLES.filter((r) => fullMenu(r).includes(key as never));
const withNotice = (key: string) => ROLES.filter((r) => noticeKeys(r).includes(key as never));
/** The credit-bank pages (R7) come last in a menu; the assertions about earlier pages read the menu without them. */
const CREDIT_BANK_KEYS: readonly string[] = [
  'myLearningAccount',
  'learningAccounts',
  'creditDeposits',
  'recognitionRules',
  'conversionApplications',
  'creditOutcomes',
];
const base = (role: Parameters<typeof menuFor>[0]) => keys(role).filter((k) => !CREDIT_BANK_KEYS.includes(k));

describe('menuFor', () => {
  it('shows the supervision pages by role (R8.2, R8.4, R8.7), 双随机一公开 also without a session, last in every menu', () => {
    expect(withItem('inspections')).toEqual(['national_admin', 'province_admin', 'school_admin', 'department_admin']);
    expect(withItem('inspectionDraws')).toEqual(['national_admin', 'province_admin']);
    expect(withItem('scorecards')).toEqual(['national_admin', 'province_admin']);
    expect(withItem('randomInspections')).toEqual([...ROLES]);
    expect(everyKey(null)).toEqual(['catalog', 'verify', 'randomInspections']);
    expect(everyKey('province_admin').slice(-4)).toEqual(['inspections', 'inspectionDraws', 'scorecards', 'randomInspections']);
    expect(selectedNavKey('/supervision/inspections/0000', 'school_admin')).toBe('inspections');
  });

  it('R9.1 R9.4 shows notices to every role, 公示 to publishers, the public policy page also without a session', () => {
    expect(noticeKeys(null)).toEqual(['policies']);
    expect(withNotice('notices')).toEqual([...ROLES]);
    expect(withNotice('publicity')).toEqual(['national_admin', 'province_admin', 'org_admin']);
    expect(selectedNavKey('/notices/0000', 'school_admin')).toBe('notices');
  });

  it('gives every role the home page first, then the catalog', () => {
    for (const role of ROLES) expect(keys(role).slice(0, 2)).toEqual(['home', 'catalog']);
  });

  it('gives visitors without a session the public catalog only', () => {
    expect(keys(null)).toEqual(['catalog', 'verify']);
  });

  it('shows certificate management to national and organization administrators', () => {
    expect(withItem('certificateTypes')).toEqual(['national_admin', 'org_admin']);
  });

  it('shows evaluation organizations to the national administrator and the own organization to organization administrators', () => {
    expect(withItem('evaluationOrgs')).toEqual(['national_admin']);
    expect(withItem('myOrganization')).toEqual(['org_admin']);
  });

  it('shows school management to national, provincial and municipal administrators, and the own school to school staff', () => {
    expect(withItem('schools')).toEqual(['national_admin', 'province_admin', 'municipal_admin']);
    expect(withItem('mySchool')).toEqual(['school_admin', 'department_admin']);
  });

  it('shows account management to national, provincial and school administrators only', () => {
    expect(withItem('accounts')).toEqual(['national_admin', 'province_admin', 'school_admin']);
  });

  it('shows the audit log to the five administrator roles', () => {
    expect(withItem('audit')).toEqual(['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'org_admin']);
  });

  it('shows API tokens to organization administrators only', () => {
    expect(keys('org_admin')).toEqual([
      'home',
      'catalog',
      'verify',
      'certificateTypes',
      'myOrganization',
      'feeNotices',
      'audit',
      'statistics',
      'passRates',
      'apiTokens',
      'agreements',
      'feeSettlements',
      'socialApplications',
      'scoreReviews',
      'examSiteReview',
      'examSessions',
      'certificateIssuance',
      'issuerKeys',
    ]);
    expect(withItem('apiTokens')).toEqual(['org_admin']);
  });

  it('gives the other roles the home page, the catalog and their filing pages', () => {
    expect(keys('learner')).toEqual(['home', 'catalog', 'verify', 'myExams', 'socialExams', 'myCertificates', 'myLearningAccount']);
    expect(keys('expert')).toEqual(['home', 'catalog', 'verify', 'expertReviews']);
    expect(keys('project_leader')).toEqual(['home', 'catalog', 'verify', 'statistics', 'filings', 'schoolCertificates']);
    expect(keys('department_admin')).toEqual([
      'home',
      'catalog',
      'verify',
      'mySchool',
      'statistics',
      'passRates',
      'filings',
      'schoolCertificates',
    ]);
    expect(withItem('statistics')).not.toContain('learner');
    expect(withItem('statistics')).not.toContain('expert');
    // R5.6: pass rates for those who may read them (the server's PASS_RATE_READERS); not learners, experts or leaders.
    expect(withItem('passRates')).toEqual([
      'national_admin',
      'province_admin',
      'municipal_admin',
      'school_admin',
      'department_admin',
      'org_admin',
    ]);
  });

  it('shows the exam pages by role (R4–R5)', () => {
    expect(withItem('learners')).toEqual(['school_admin']);
    // Issue 17 item 5: the parties (school, organization) and the province move an agreement through its life.
    expect(withItem('agreements')).toEqual(['province_admin', 'school_admin', 'org_admin']);
    expect(withItem('feeSettlements')).toEqual(['school_admin', 'org_admin']);
    expect(withItem('myExams')).toEqual(['learner']);
    expect(base('school_admin').slice(-6, -1)).toEqual(['learners', 'agreements', 'feeSettlements', 'examSites', 'examRegistrations']);
    expect(withItem('examSites')).toEqual(['school_admin']);
    expect(withItem('examSiteReview')).toEqual(['org_admin']);
    expect(withItem('examSessions')).toEqual(['org_admin']);
    expect(withItem('examRegistrations')).toEqual(['school_admin']);
    expect(selectedNavKey('/exam-sessions/x', 'school_admin')).toBe('examRegistrations');
    expect(selectedNavKey('/exam-sessions/x', 'org_admin')).toBe('examSessions');
    expect(selectedNavKey('/learners', 'school_admin')).toBe('learners');
    expect(canUse('learner', 'learners')).toBe(false);
  });

  it('shows the certificate pages by role (R6)', () => {
    expect(withItem('verify')).toEqual([...ROLES]);
    expect(withItem('certificateIssuance')).toEqual(['org_admin']);
    expect(withItem('issuerKeys')).toEqual(['org_admin']);
    expect(withItem('myCertificates')).toEqual(['learner']);
    expect(withItem('schoolCertificates')).toEqual(['school_admin', 'department_admin', 'project_leader']);
    expect(base('school_admin').at(-1)).toBe('schoolCertificates');
    expect(selectedNavKey('/verify/c/abc', null)).toBe('verify');
    expect(selectedNavKey('/verify/s/abc', 'learner')).toBe('verify');
    expect(canUse('learner', 'certificateIssuance')).toBe(false);
  });

  it('shows the credit-bank pages by role (R7)', () => {
    expect(withItem('myLearningAccount')).toEqual(['learner']);
    expect(withItem('learningAccounts')).toEqual(['province_admin', 'school_admin']);
    expect(withItem('conversionApplications')).toEqual(['province_admin', 'school_admin']);
    expect(withItem('creditDeposits')).toEqual(['school_admin']);
    expect(withItem('recognitionRules')).toEqual(['province_admin', 'school_admin']);
    expect(withItem('creditOutcomes')).toEqual(['national_admin']);
    expect(keys('school_admin').slice(-4)).toEqual(['learningAccounts', 'creditDeposits', 'recognitionRules', 'conversionApplications']);
    expect(keys('province_admin').slice(-3)).toEqual(['learningAccounts', 'recognitionRules', 'conversionApplications']);
    expect(selectedNavKey('/learning-accounts/x', 'province_admin')).toBe('learningAccounts');
    expect(selectedNavKey('/recognition-rules', 'province_admin')).toBe('recognitionRules');
    expect(canUse('learner', 'learningAccounts')).toBe(false);
    expect(canUse('province_admin', 'recognitionRules')).toBe(true);
    expect(canUse('municipal_admin', 'recognitionRules')).toBe(false);
  });

  it("shows issue 18's pages: own outcomes to learners, their review to schools and provinces, the recognition lists to everyone, pilot acceptance to administrators", () => {
    expect(withItem('myOutcomeApplications')).toEqual(['learner']);
    expect(withItem('outcomeApplications')).toEqual(['province_admin', 'school_admin']);
    expect(withItem('recognitionLists')).toEqual([...ROLES]);
    expect(fullMenu(null)).toContain('recognitionLists');
    expect(withItem('pilots')).toEqual(['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'department_admin']);
    expect(selectedNavKey('/pilots/x', 'province_admin')).toBe('pilots');
  });

  it('shows the special-fund pages to school, department and regional administrators, allocation to the province (R4.5, R4.6)', () => {
    expect(withItem('funds')).toEqual(['national_admin', 'province_admin', 'school_admin', 'department_admin']);
    expect(withItem('fundAllocations')).toEqual(['province_admin']);
    const beforeSupervision = (role: Parameters<typeof menuFor>[0]) => allKeys(role).filter((k) => !SUPERVISION_KEYS.includes(k));
    expect(beforeSupervision('province_admin').slice(-2)).toEqual(['funds', 'fundAllocations']);
    expect(beforeSupervision('school_admin').at(-1)).toBe('funds');
    expect(selectedNavKey('/fund-allocations', 'province_admin')).toBe('fundAllocations');
    expect(canUse('org_admin', 'funds')).toBe(false);
  });

  it('shows the pilot filing pages by role (R3)', () => {
    expect(withItem('filings')).toEqual(['school_admin', 'department_admin', 'project_leader']);
    expect(withItem('municipalReview')).toEqual(['municipal_admin']);
    expect(withItem('expertReviews')).toEqual(['expert']);
    expect(withItem('filingRounds')).toEqual(['province_admin']);
    expect(withItem('filingReview')).toEqual(['province_admin']);
    expect(withItem('filingQuery')).toEqual(['national_admin']);
    expect(base('province_admin').slice(-6)).toEqual([
      'filingRounds',
      'policyRules',
      'filingReview',
      'changeRequests',
      'annualPlans',
      'agreements',
    ]);
    // issue 18 #0: the documents in force and a province's or school's own rules
    expect(withItem('policyRules')).toEqual(['national_admin', 'province_admin', 'school_admin']);
  });

  it('shows change requests to the province and annual plans to school and province administrators (R3.7, R3.8)', () => {
    expect(withItem('changeRequests')).toEqual(['province_admin']);
    expect(withItem('annualPlans')).toEqual(['province_admin', 'school_admin']);
    expect(base('school_admin').slice(-9, -6)).toEqual(['filings', 'policyRules', 'annualPlans']);
    expect(keys('department_admin')).not.toContain('annualPlans');
  });

  it('lets every filing role open a filing detail, and no other', () => {
    const may = ROLES.filter((r) => canUse(r, FILING_NAV_KEYS));
    expect(may).toEqual(
      expect.arrayContaining([
        'national_admin',
        'province_admin',
        'municipal_admin',
        'expert',
        'school_admin',
        'department_admin',
        'project_leader',
      ]),
    );
    expect(canUse('learner', FILING_NAV_KEYS)).toBe(false);
    expect(canUse('org_admin', FILING_NAV_KEYS)).toBe(false);
  });

  it('agrees with canUse', () => {
    for (const role of ROLES) for (const item of menuFor(role)) expect(canUse(role, item.key)).toBe(true);
    expect(canUse('learner', 'audit')).toBe(false);
    expect(canUse('municipal_admin', 'accounts')).toBe(false);
    expect(canUse('school_admin', ['schools', 'mySchool'])).toBe(true);
    expect(canUse('learner', ['schools', 'mySchool'])).toBe(false);
  });
});

describe('selectedNavKey', () => {
  it('matches the longest path', () => {
    expect(selectedNavKey('/')).toBe('home');
    expect(selectedNavKey('/accounts')).toBe('accounts');
    expect(selectedNavKey('/api-tokens')).toBe('apiTokens');
    expect(selectedNavKey('/audit/x')).toBe('audit');
    expect(selectedNavKey('/catalog/123')).toBe('catalog');
    expect(selectedNavKey('/certificate-types/1')).toBe('certificateTypes');
    expect(selectedNavKey('/nowhere')).toBeUndefined();
  });

  it('highlights the own school for school staff and school management for the others', () => {
    expect(selectedNavKey('/schools/abc', 'school_admin')).toBe('mySchool');
    expect(selectedNavKey('/schools/abc', 'province_admin')).toBe('schools');
    expect(selectedNavKey('/catalog', null)).toBe('catalog');
  });

  it("highlights each role's own filing item on a filing detail", () => {
    expect(selectedNavKey('/filings/abc', 'school_admin')).toBe('filings');
    expect(selectedNavKey('/filings/abc', 'municipal_admin')).toBe('municipalReview');
    expect(selectedNavKey('/filings/abc', 'expert')).toBe('expertReviews');
    expect(selectedNavKey('/filings/abc', 'province_admin')).toBe('filingReview');
    expect(selectedNavKey('/filings/abc', 'national_admin')).toBe('filingQuery');
    expect(selectedNavKey('/filing-rounds', 'province_admin')).toBe('filingRounds');
    expect(selectedNavKey('/change-requests', 'province_admin')).toBe('changeRequests');
    expect(selectedNavKey('/annual-plans', 'school_admin')).toBe('annualPlans');
    expect(selectedNavKey('/annual-plans', 'province_admin')).toBe('annualPlans');
  });

  it('shows the supervision pages by role: reports to reporters, review, types and cancellation to the province and the nation, complaints to handlers (R8.1, R8.3, R8.5)', () => {
    expect(withItem('reportDuties')).toEqual(['school_admin', 'department_admin', 'project_leader']);
    expect(withItem('reportReview')).toEqual(['national_admin', 'province_admin']);
    expect(withItem('reportTypes')).toEqual(['national_admin', 'province_admin']);
    expect(withItem('pilotCancellation')).toEqual(['national_admin', 'province_admin']);
    expect(withItem('complaintHandling')).toEqual(['national_admin', 'province_admin', 'municipal_admin']);
    expect(selectedNavKey('/supervision/reports/x', 'department_admin')).toBe('reportDuties');
    expect(selectedNavKey('/supervision/reports/x', 'province_admin')).toBe('reportReview');
    expect(selectedNavKey('/complaints/x', 'municipal_admin')).toBe('complaintHandling');
    expect(canUse('learner', 'complaintHandling')).toBe(false);
  });
});

const groupLabels = (role: Parameters<typeof menuFor>[0]) => menuGroupsFor(role).map((g) => zhCN.menu.group[g.group]);

describe('menuGroupsFor (issue 21 item 10: a grouped menu)', () => {
  it("gives a school administrator's menu the groups 院校与专业、试点备案、考核、证书、学分银行、监督, home on top", () => {
    const labels = groupLabels('school_admin');
    for (const g of ['院校与专业', '试点备案', '考核', '证书', '学分银行', '监督']) expect(labels).toContain(g);
    expect(labels).toEqual(['首页', '院校与专业', '试点备案', '考核', '证书', '学分银行', '监督', '统计与经费', '系统管理']);
    const groups = menuGroupsFor('school_admin');
    expect(groups[0]!.items.map((i) => i.key)).toEqual(['home']);
    expect(groups.find((g) => g.group === 'filings')!.items.map((i) => i.key)).toEqual([
      'filings',
      'policyRules',
      'annualPlans',
      'agreements',
      'pilots',
      'typicalCases',
      'training',
      'approvedScales',
    ]);
    expect(groups.find((g) => g.group === 'exams')!.items.map((i) => i.key)).toEqual([
      'feeSettlements',
      'examSites',
      'examRegistrations',
      'examSiteRegister',
    ]);
  });

  it('leaves no group empty and every item of a menu in exactly one group, in menu order, for every role', () => {
    for (const role of [...ROLES, null]) {
      const groups = menuGroupsFor(role);
      for (const g of groups) expect(g.items.length, `${role} ${g.group}`).toBeGreaterThan(0);
      expect(new Set(groups.map((g) => g.group)).size).toBe(groups.length);
      // Flattened in group order, the menu holds the same items; inside a group, menuFor's order.
      const flat = groups.flatMap((g) => g.items.map((i) => i.key));
      const full = fullMenu(role);
      expect([...flat].sort()).toEqual([...full].sort());
      for (const g of groups) {
        const order = full.filter((k) => g.items.some((i) => i.key === k));
        expect(g.items.map((i) => i.key)).toEqual(order);
      }
      if (role) expect(groups[0]!.items.map((i) => i.key)).toEqual(['home']);
    }
  });

  it('labels every group in both languages and puts only the home page in the home group', () => {
    for (const g of NAV_GROUPS) expect(zhCN.menu.group[g]).toBeTruthy();
    expect(NAV_ITEMS.filter((i) => i.group === 'home').map((i) => i.key)).toEqual(['home']);
  });
});

describe('pageTrail (breadcrumbs and tab titles)', () => {
  it('places a list page under its group, and a detail page after its list', () => {
    expect(pageTrail('/', 'school_admin')).toMatchObject({ group: 'home', detail: false, item: { key: 'home' } });
    expect(pageTrail('/filings', 'school_admin')).toMatchObject({ group: 'filings', detail: false, item: { key: 'filings' } });
    expect(pageTrail('/filings/abc', 'province_admin')).toMatchObject({ group: 'filings', detail: true, item: { key: 'filingReview' } });
    expect(pageTrail('/filings/abc', 'municipal_admin')).toMatchObject({ detail: true, item: { key: 'municipalReview' } });
    expect(pageTrail('/exam-sessions/abc', 'school_admin')).toMatchObject({
      group: 'exams',
      detail: true,
      item: { key: 'examRegistrations' },
    });
    expect(pageTrail('/exam-sessions/abc', 'org_admin')).toMatchObject({ group: 'exams', detail: true, item: { key: 'examSessions' } });
    expect(pageTrail('/supervision/inspections/abc', 'school_admin')).toMatchObject({
      group: 'supervision',
      detail: true,
      item: { key: 'inspections' },
    });
    expect(pageTrail('/schools/abc', 'school_admin')).toMatchObject({ group: 'schools', detail: true, item: { key: 'mySchool' } });
    expect(pageTrail('/accounts/', 'school_admin')).toMatchObject({ group: 'system', detail: false });
    expect(pageTrail('/catalog', null)).toMatchObject({ group: 'certificates', detail: false });
    expect(pageTrail('/nowhere', 'school_admin')).toBeUndefined();
    expect(pageTrail('/learners', 'learner')).toBeUndefined();
  });
});

describe('issue 17: departments, approved scale, the public register of exam sites', () => {
  it('shows 考生遴选 and 监考安排 to departments (item 3), 核定规模 to the province and schools (item 4), 考核站点名录 to everyone (item 8)', () => {
    expect(withItem('candidateSelection')).toEqual(['department_admin']);
    expect(withItem('invigilationArrangement')).toEqual(['department_admin']);
    expect(withItem('approvedScales')).toEqual(['province_admin', 'school_admin']);
    expect(withItem('examSiteRegister')).toEqual([...ROLES]);
    expect(fullMenu(null)).toContain('examSiteRegister');
    expect(pageTrail('/candidate-selection', 'department_admin')).toMatchObject({ group: 'exams', detail: false });
    expect(pageTrail('/public/exam-sites', null)).toMatchObject({ group: 'exams', item: { key: 'examSiteRegister' } });
  });
});

describe('typical cases, training and the consultation desk (R9.2, R9.3, 教职成司函〔2019〕36号 三.5)', () => {
  const roles = (key: string) => ROLES.filter((r) => menuFor(r).some((i) => i.key === key));
  it('shows typical cases to regional and school administrators, training to the school side and regions, the desk to askers and organizations', () => {
    expect(roles('typicalCases')).toEqual(['national_admin', 'province_admin', 'municipal_admin', 'school_admin']);
    expect(roles('training')).toEqual([
      'national_admin',
      'province_admin',
      'municipal_admin',
      'school_admin',
      'department_admin',
      'project_leader',
    ]);
    expect(roles('consultations')).toEqual(['school_admin', 'department_admin', 'project_leader', 'org_admin', 'learner']);
    expect(menuFor(null).some((i) => ['typicalCases', 'training', 'consultations'].includes(i.key))).toBe(false);
    expect(selectedNavKey('/typical-cases/cases/x', 'province_admin')).toBe('typicalCases');
  });
});
