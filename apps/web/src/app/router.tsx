import type { ReactNode } from 'react';
import { createBrowserRouter, Outlet, RouterProvider, ScrollRestoration, useRouteError, type RouteObject } from 'react-router';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle';
import { NotFound } from '../components/ResultPages';
import { FullPageSpin, LoginRedirect, RequireAuth, RequireRole } from './guards';
import { FILING_NAV_KEYS, navItem, type NavKey } from './navigation';

/** The route paths of the web app. */
export const PATHS = {
  login: '/login',
  home: navItem('home').path,
  accounts: navItem('accounts').path,
  audit: navItem('audit').path,
  statistics: navItem('statistics').path,
  passRates: navItem('passRates').path,
  policyRules: navItem('policyRules').path,
  securityEvents: navItem('securityEvents').path,
  funds: navItem('funds').path,
  fundAllocations: navItem('fundAllocations').path,
  apiTokens: navItem('apiTokens').path,
  catalog: navItem('catalog').path,
  certificateTypes: navItem('certificateTypes').path,
  evaluationOrgs: navItem('evaluationOrgs').path,
  myOrganization: navItem('myOrganization').path,
  schools: navItem('schools').path,
  mySchool: navItem('mySchool').path,
  filings: navItem('filings').path,
  municipalReview: navItem('municipalReview').path,
  expertReviews: navItem('expertReviews').path,
  filingRounds: navItem('filingRounds').path,
  filingReview: navItem('filingReview').path,
  filingQuery: navItem('filingQuery').path,
  changeRequests: navItem('changeRequests').path,
  annualPlans: navItem('annualPlans').path,
  learners: navItem('learners').path,
  agreements: navItem('agreements').path,
  feeSettlements: navItem('feeSettlements').path,
  myExams: navItem('myExams').path,
  socialExams: navItem('socialExams').path,
  socialApplications: navItem('socialApplications').path,
  feeNotices: navItem('feeNotices').path,
  scoreReviews: navItem('scoreReviews').path,
  examSessions: navItem('examSessions').path,
  examRegistrations: navItem('examRegistrations').path,
  examSites: navItem('examSites').path,
  examSiteReview: navItem('examSiteReview').path,
  verify: navItem('verify').path,
  certificateIssuance: navItem('certificateIssuance').path,
  issuerKeys: navItem('issuerKeys').path,
  myCertificates: navItem('myCertificates').path,
  schoolCertificates: navItem('schoolCertificates').path,
  myLearningAccount: navItem('myLearningAccount').path,
  learningAccounts: navItem('learningAccounts').path,
  creditDeposits: navItem('creditDeposits').path,
  recognitionRules: navItem('recognitionRules').path,
  conversionApplications: navItem('conversionApplications').path,
  creditOutcomes: navItem('creditOutcomes').path,
  myOutcomeApplications: navItem('myOutcomeApplications').path,
  outcomeApplications: navItem('outcomeApplications').path,
  recognitionLists: navItem('recognitionLists').path,
  pilots: navItem('pilots').path,
  inspections: navItem('inspections').path,
  inspectionDraws: navItem('inspectionDraws').path,
  scorecards: navItem('scorecards').path,
  randomInspections: navItem('randomInspections').path,
  candidateSelection: navItem('candidateSelection').path,
  invigilationArrangement: navItem('invigilationArrangement').path,
  approvedScales: navItem('approvedScales').path,
  examSiteRegister: navItem('examSiteRegister').path,
  activate: '/activate',
  register: '/register',
  schoolRegistration: '/school-registration',
} as const;

type LoadPage = () => Promise<ReactNode>;

/**
 * A page in its own chunk, fetched on first visit (issue 21 item 12: a small entry script holding only React, the
 * router, antd's core with its locales, and the providers).
 */
function page(load: LoadPage): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ element: await load() }) };
}

/** A lazy page only some roles may use (403 for the others). */
function guarded(nav: NavKey | readonly NavKey[], load: LoadPage): Pick<RouteObject, 'lazy'> {
  return page(async () => <RequireRole page={nav}>{await load()}</RequireRole>);
}

function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <Result
      status="500"
      title={t('common.loadFailed')}
      extra={
        <Button type="primary" onClick={() => window.location.assign('/')}>
          {t('result.backHome')}
        </Button>
      }
    />
  );
}

function Root() {
  return (
    <>
      <ScrollRestoration />
      <PageTitle />
      <Outlet />
    </>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    // Shown while the first page's chunk loads.
    hydrateFallbackElement: <FullPageSpin />,
    errorElement: <RouteError />,
    children: [
      // The login page is its own small entry (login.html, served at /login; issue 21 item 12): a client-side link here
      // becomes a full page load.
      { path: PATHS.login, element: <LoginRedirect /> },
      {
        // The certificate catalog is public: no session needed.
        ...page(() => import('../components/PublicLayout').then((m) => <m.PublicShell />)),
        children: [
          {
            path: PATHS.catalog,
            ...page(() => import('../features/catalog/components/PublicCatalogPage').then((m) => <m.PublicCatalogPage />)),
          },
          {
            path: `${PATHS.catalog}/:id`,
            ...page(() => import('../features/catalog/components/PublicCatalogDetailPage').then((m) => <m.PublicCatalogDetailPage />)),
          },
          // 投诉举报 (R8.5): file and follow a complaint without an account.
          {
            path: '/complaints',
            ...page(() => import('../features/supervision/components/ComplaintPage').then((m) => <m.ComplaintPage />)),
          },
          // 典型案例集 (R9.2) and the organizations' FAQ (三.5): public, no account.
          {
            path: '/public/typical-cases',
            ...page(() => import('../features/typical-cases/components/PublicCasesPage').then((m) => <m.PublicCasesPage />)),
          },
          {
            path: '/public/typical-cases/:id',
            ...page(() => import('../features/typical-cases/components/PublicCasesPage').then((m) => <m.PublicCollectionPage />)),
          },
          { path: '/faq', ...page(() => import('../features/consultations/components/FaqPage').then((m) => <m.FaqPage />)) },
          // 政策发布 and 公示 (R9.1, R9.4): public notices and the items on display, with the objection form; no account.
          {
            path: '/policies',
            ...page(() => import('../features/notices/components/PublicNoticePages').then((m) => <m.PublicNoticesPage />)),
          },
          {
            path: '/policies/:id',
            ...page(() => import('../features/notices/components/PublicNoticePages').then((m) => <m.PublicNoticeDetailPage />)),
          },
          {
            path: '/public-display',
            ...page(() => import('../features/notices/components/PublicNoticePages').then((m) => <m.PublicPublicityPage />)),
          },
          {
            path: '/public-display/:id',
            ...page(() => import('../features/notices/components/PublicNoticePages').then((m) => <m.PublicPublicityDetailPage />)),
          },
          // 双随机一公开 (R8.4): published draws and their results, published inspection results; no account.
          {
            path: PATHS.randomInspections,
            ...page(() => import('../features/supervision/components/PublicDrawsPage').then((m) => <m.PublicDrawsPage />)),
          },
          // 学分认定清单公示 (issue 18 item 7): each school's published recognition rules; no account.
          {
            path: PATHS.recognitionLists,
            ...page(() =>
              import('../features/learner-outcomes/components/PublicRecognitionListsPage').then((m) => <m.PublicRecognitionListsPage />),
            ),
          },
          // 考核站点名录 (issue 17 item 8): approved exam sites of every organization; no account.
          {
            path: PATHS.examSiteRegister,
            ...page(() => import('../features/exam-sites/components/PublicExamSitesPage').then((m) => <m.PublicExamSitesPage />)),
          },
          // Certificate verification (R6.2): by number + name, the QR code's target, a holder's share link.
          { path: PATHS.verify, ...page(() => import('../features/certificates/components/VerifyPage').then((m) => <m.VerifyPage />)) },
          {
            path: `${PATHS.verify}/c/:code`,
            ...page(() =>
              import('../features/certificates/components/CredentialLandingPage').then((m) => <m.CredentialLandingPage kind="code" />),
            ),
          },
          {
            path: `${PATHS.verify}/s/:token`,
            ...page(() =>
              import('../features/certificates/components/CredentialLandingPage').then((m) => <m.CredentialLandingPage kind="share" />),
            ),
          },
        ],
      },
      {
        // Learner accounts: activation with the school's code, and registration of social learners (no session).
        ...page(() => import('../components/PublicLayout').then((m) => <m.PublicLayout />)),
        children: [
          {
            path: PATHS.activate,
            ...page(() => import('../features/learners/components/PublicLearnerPages').then((m) => <m.ActivatePage />)),
          },
          {
            path: PATHS.register,
            ...page(() => import('../features/learners/components/PublicLearnerPages').then((m) => <m.RegisterPage />)),
          },
          // 院校注册申报 (R2.1, 002 四.3): a school registers itself without an account and follows it by its code.
          {
            path: PATHS.schoolRegistration,
            ...page(() =>
              import('../features/school-registration/components/SchoolRegistrationPage').then((m) => <m.SchoolRegistrationPage />),
            ),
          },
        ],
      },
      {
        ...page(() =>
          import('../components/AppLayout').then((m) => (
            <RequireAuth>
              <m.AppLayout />
            </RequireAuth>
          )),
        ),
        children: [
          { index: true, ...page(() => import('../features/home/components/HomePage').then((m) => <m.HomePage />)) },
          {
            path: PATHS.certificateTypes,
            ...guarded('certificateTypes', () =>
              import('../features/catalog/components/CertificateTypesPage').then((m) => <m.CertificateTypesPage />),
            ),
          },
          {
            path: `${PATHS.certificateTypes}/:id`,
            ...guarded('certificateTypes', () =>
              import('../features/catalog/components/CertificateTypeDetailPage').then((m) => <m.CertificateTypeDetailPage />),
            ),
          },
          {
            path: PATHS.evaluationOrgs,
            ...guarded('evaluationOrgs', () =>
              import('../features/orgs/components/EvaluationOrgsPage').then((m) => <m.EvaluationOrgsPage />),
            ),
          },
          {
            path: `${PATHS.evaluationOrgs}/:id`,
            ...guarded('evaluationOrgs', () => import('../features/orgs/components/OrgDetailPage').then((m) => <m.OrgDetailPage />)),
          },
          {
            path: PATHS.myOrganization,
            ...guarded('myOrganization', () => import('../features/orgs/components/OrgDetailPage').then((m) => <m.MyOrganizationPage />)),
          },
          {
            path: PATHS.schools,
            ...guarded('schools', () => import('../features/schools/components/SchoolsPage').then((m) => <m.SchoolsPage />)),
          },
          {
            path: `${PATHS.schools}/:id`,
            ...guarded(['schools', 'mySchool'], () =>
              import('../features/schools/components/SchoolDetailPage').then((m) => <m.SchoolDetailPage />),
            ),
          },
          {
            path: PATHS.mySchool,
            ...guarded('mySchool', () => import('../features/schools/components/SchoolDetailPage').then((m) => <m.MySchoolRedirect />)),
          },
          {
            path: PATHS.accounts,
            ...guarded('accounts', () => import('../features/accounts/components/AccountsPage').then((m) => <m.AccountsPage />)),
          },
          {
            path: PATHS.audit,
            ...guarded('audit', () => import('../features/audit/components/AuditPage').then((m) => <m.AuditPage />)),
          },
          {
            path: PATHS.statistics,
            ...guarded('statistics', () => import('../features/statistics/components/StatisticsPage').then((m) => <m.StatisticsPage />)),
          },
          {
            path: PATHS.policyRules,
            ...guarded('policyRules', () => import('../features/policies/components/PoliciesPage').then((m) => <m.PoliciesPage />)),
          },
          {
            path: PATHS.passRates,
            ...guarded('passRates', () => import('../features/pass-rates/components/PassRatesPage').then((m) => <m.PassRatesPage />)),
          },
          {
            path: '/notices',
            ...guarded('notices', () => import('../features/notices/components/NoticesPage').then((m) => <m.NoticesPage />)),
          },
          {
            path: '/notices/:id',
            ...guarded('notices', () => import('../features/notices/components/NoticesPage').then((m) => <m.NoticeDetailPage />)),
          },
          {
            path: '/publicity',
            ...guarded('publicity', () => import('../features/notices/components/NoticesPage').then((m) => <m.PublicityPage />)),
          },
          {
            path: PATHS.funds,
            ...guarded('funds', () => import('../features/funds/components/FundsPage').then((m) => <m.FundsPage />)),
          },
          // Typical cases (R9.2), training (R9.3), the consultation desk (教职成司函〔2019〕36号 三.5).
          {
            path: navItem('typicalCases').path,
            ...guarded('typicalCases', () =>
              import('../features/typical-cases/components/TypicalCasesPage').then((m) => <m.TypicalCasesPage />),
            ),
          },
          {
            path: `${navItem('typicalCases').path}/cases/:id`,
            ...guarded('typicalCases', () => import('../features/typical-cases/components/CasePage').then((m) => <m.CasePage />)),
          },
          {
            path: navItem('training').path,
            ...guarded('training', () => import('../features/training/components/TrainingPage').then((m) => <m.TrainingPage />)),
          },
          {
            path: navItem('consultations').path,
            ...guarded('consultations', () =>
              import('../features/consultations/components/ConsultationsPage').then((m) => <m.ConsultationsPage />),
            ),
          },
          {
            path: PATHS.fundAllocations,
            ...guarded('fundAllocations', () => import('../features/funds/components/AllocationPage').then((m) => <m.AllocationPage />)),
          },
          // Supervision (R8.1, R8.3, R8.5).
          {
            path: navItem('reportDuties').path,
            ...guarded('reportDuties', () =>
              import('../features/supervision/components/ReportDutiesPage').then((m) => <m.ReportDutiesPage mode="reporter" />),
            ),
          },
          {
            path: `${navItem('reportDuties').path}/:id`,
            ...guarded(['reportDuties', 'reportReview'], () =>
              import('../features/supervision/components/ReportDutyPage').then((m) => <m.ReportDutyPage />),
            ),
          },
          {
            path: navItem('reportReview').path,
            ...guarded('reportReview', () =>
              import('../features/supervision/components/ReportDutiesPage').then((m) => <m.ReportDutiesPage mode="reviewer" />),
            ),
          },
          {
            path: navItem('reportTypes').path,
            ...guarded('reportTypes', () =>
              import('../features/supervision/components/ReportTypesPage').then((m) => <m.ReportTypesPage />),
            ),
          },
          {
            path: navItem('complaintHandling').path,
            ...guarded('complaintHandling', () =>
              import('../features/supervision/components/ComplaintsAdminPage').then((m) => <m.ComplaintsAdminPage />),
            ),
          },
          {
            path: '/complaints/:id',
            ...guarded('complaintHandling', () =>
              import('../features/supervision/components/ComplaintDetailPage').then((m) => <m.ComplaintDetailPage />),
            ),
          },
          {
            path: navItem('pilotCancellation').path,
            ...guarded('pilotCancellation', () =>
              import('../features/supervision/components/PilotCancellationPage').then((m) => <m.PilotCancellationPage />),
            ),
          },
          {
            path: PATHS.securityEvents,
            ...guarded('securityEvents', () =>
              import('../features/security-events/components/SecurityEventsPage').then((m) => <m.SecurityEventsPage />),
            ),
          },
          {
            path: PATHS.apiTokens,
            ...guarded('apiTokens', () => import('../features/api-tokens/components/ApiTokensPage').then((m) => <m.ApiTokensPage />)),
          },
          {
            path: PATHS.filings,
            ...guarded('filings', () => import('../features/filings/components/FilingsPage').then((m) => <m.FilingsPage mode="school" />)),
          },
          {
            path: `${PATHS.filings}/:id`,
            ...guarded(FILING_NAV_KEYS, () =>
              import('../features/filings/components/FilingDetailPage').then((m) => <m.FilingDetailPage />),
            ),
          },
          {
            path: PATHS.municipalReview,
            ...guarded('municipalReview', () =>
              import('../features/filings/components/FilingsPage').then((m) => <m.FilingsPage mode="municipal" />),
            ),
          },
          {
            path: PATHS.expertReviews,
            ...guarded('expertReviews', () =>
              import('../features/filings/components/FilingsPage').then((m) => <m.FilingsPage mode="expert" />),
            ),
          },
          {
            path: PATHS.filingRounds,
            ...guarded('filingRounds', () => import('../features/filings/components/RoundsPage').then((m) => <m.RoundsPage />)),
          },
          {
            path: PATHS.filingReview,
            ...guarded('filingReview', () =>
              import('../features/filings/components/FilingsPage').then((m) => <m.FilingsPage mode="province" />),
            ),
          },
          {
            path: PATHS.filingQuery,
            ...guarded('filingQuery', () =>
              import('../features/filings/components/FilingsPage').then((m) => <m.FilingsPage mode="national" />),
            ),
          },
          {
            path: PATHS.changeRequests,
            ...guarded('changeRequests', () =>
              import('../features/filings/components/ChangeRequestsPage').then((m) => <m.ChangeRequestsPage />),
            ),
          },
          {
            path: PATHS.annualPlans,
            ...guarded('annualPlans', () => import('../features/filings/components/AnnualPlansPage').then((m) => <m.AnnualPlansPage />)),
          },
          {
            path: PATHS.learners,
            ...guarded('learners', () => import('../features/learners/components/LearnersPage').then((m) => <m.LearnersPage />)),
          },
          {
            path: PATHS.agreements,
            ...guarded('agreements', () => import('../features/fees/components/AgreementsPage').then((m) => <m.AgreementsPage />)),
          },
          {
            path: PATHS.feeSettlements,
            ...guarded('feeSettlements', () =>
              import('../features/fees/components/FeeSettlementsPage').then((m) => <m.FeeSettlementsPage />),
            ),
          },
          {
            path: PATHS.scoreReviews,
            ...guarded('scoreReviews', () =>
              import('../features/score-reviews/components/ScoreReviewsPage').then((m) => <m.ScoreReviewsPage />),
            ),
          },
          {
            path: PATHS.myExams,
            ...guarded('myExams', () => import('../features/my-exams/components/MyExamsPage').then((m) => <m.MyExamsPage />)),
          },
          {
            path: PATHS.socialExams,
            ...guarded('socialExams', () =>
              import('../features/social-learners/components/MySocialExamsPage').then((m) => <m.MySocialExamsPage />),
            ),
          },
          {
            path: PATHS.socialApplications,
            ...guarded('socialApplications', () =>
              import('../features/social-learners/components/SocialApplicationsPage').then((m) => <m.SocialApplicationsPage />),
            ),
          },
          {
            path: PATHS.feeNotices,
            ...guarded('feeNotices', () => import('../features/fee-notices/components/FeeNoticesPage').then((m) => <m.FeeNoticesPage />)),
          },
          {
            path: PATHS.examSessions,
            ...guarded(['examSessions', 'examRegistrations'], () =>
              import('../features/exam-sessions/components/ExamSessionsPage').then((m) => <m.ExamSessionsPage />),
            ),
          },
          {
            path: PATHS.examRegistrations,
            ...guarded('examRegistrations', () =>
              import('../features/exam-sessions/components/ExamSessionsPage').then((m) => <m.ExamSessionsPage />),
            ),
          },
          {
            path: `${PATHS.examSessions}/:id`,
            ...guarded(['examSessions', 'examRegistrations'], () =>
              import('../features/exam-sessions/components/ExamSessionDetailPage').then((m) => <m.ExamSessionDetailPage />),
            ),
          },
          {
            path: PATHS.examSites,
            ...guarded('examSites', () => import('../features/exam-sites/components/ExamSitesPage').then((m) => <m.ExamSitesPage />)),
          },
          {
            path: PATHS.examSiteReview,
            ...guarded('examSiteReview', () => import('../features/exam-sites/components/ExamSitesPage').then((m) => <m.ExamSitesPage />)),
          },
          {
            path: PATHS.certificateIssuance,
            ...guarded('certificateIssuance', () =>
              import('../features/certificates/components/CertificateIssuancePage').then((m) => <m.CertificateIssuancePage />),
            ),
          },
          {
            path: PATHS.issuerKeys,
            ...guarded('issuerKeys', () => import('../features/certificates/components/IssuerKeysPage').then((m) => <m.IssuerKeysPage />)),
          },
          {
            path: PATHS.myCertificates,
            ...guarded('myCertificates', () =>
              import('../features/certificates/components/MyCertificatesPage').then((m) => <m.MyCertificatesPage />),
            ),
          },
          {
            path: PATHS.schoolCertificates,
            ...guarded('schoolCertificates', () =>
              import('../features/certificates/components/SchoolCertificatesPage').then((m) => <m.SchoolCertificatesPage />),
            ),
          },
          // Credit bank (R7)
          {
            path: PATHS.myLearningAccount,
            ...guarded('myLearningAccount', () =>
              import('../features/credit-bank/components/MyLearningAccountPage').then((m) => <m.MyLearningAccountPage />),
            ),
          },
          {
            path: PATHS.learningAccounts,
            ...guarded('learningAccounts', () =>
              import('../features/credit-bank/components/LearningAccountsPage').then((m) => <m.LearningAccountsPage />),
            ),
          },
          {
            path: `${PATHS.learningAccounts}/:id`,
            ...guarded('learningAccounts', () =>
              import('../features/credit-bank/components/LearningAccountsPage').then((m) => <m.LearningAccountDetailPage />),
            ),
          },
          {
            path: PATHS.creditDeposits,
            ...guarded('creditDeposits', () =>
              import('../features/credit-bank/components/CreditDepositsPage').then((m) => <m.CreditDepositsPage />),
            ),
          },
          {
            path: PATHS.recognitionRules,
            ...guarded('recognitionRules', () =>
              import('../features/credit-bank/components/RecognitionRulesPage').then((m) => <m.RecognitionRulesPage />),
            ),
          },
          {
            path: PATHS.conversionApplications,
            ...guarded('conversionApplications', () =>
              import('../features/credit-bank/components/ConversionApplicationsPage').then((m) => <m.ConversionApplicationsPage />),
            ),
          },
          {
            path: PATHS.creditOutcomes,
            ...guarded('creditOutcomes', () =>
              import('../features/credit-bank/components/CreditOutcomesPage').then((m) => <m.CreditOutcomesPage />),
            ),
          },
          // Issue 18: learners' own outcomes (item 6), pilot task books and acceptance (item 5)
          {
            path: PATHS.myOutcomeApplications,
            ...guarded('myOutcomeApplications', () =>
              import('../features/learner-outcomes/components/MyOutcomeApplicationsPage').then((m) => <m.MyOutcomeApplicationsPage />),
            ),
          },
          {
            path: PATHS.outcomeApplications,
            ...guarded('outcomeApplications', () =>
              import('../features/learner-outcomes/components/OutcomeApplicationsPage').then((m) => <m.OutcomeApplicationsPage />),
            ),
          },
          {
            path: PATHS.pilots,
            ...guarded('pilots', () => import('../features/pilot-acceptance/components/PilotsPage').then((m) => <m.PilotsPage />)),
          },
          {
            path: `${PATHS.pilots}/:filingId`,
            ...guarded('pilots', () => import('../features/pilot-acceptance/components/PilotsPage').then((m) => <m.TaskBookPage />)),
          },
          // Supervision (R8.2 inspections, R8.4 draws, R8.7 scorecards)
          {
            path: PATHS.inspections,
            ...guarded('inspections', () =>
              import('../features/supervision/components/InspectionsPage').then((m) => <m.InspectionsPage />),
            ),
          },
          {
            path: `${PATHS.inspections}/:id`,
            ...guarded('inspections', () =>
              import('../features/supervision/components/InspectionsPage').then((m) => <m.InspectionDetailPage />),
            ),
          },
          {
            path: PATHS.inspectionDraws,
            ...guarded('inspectionDraws', () => import('../features/supervision/components/DrawsPage').then((m) => <m.DrawsPage />)),
          },
          {
            path: PATHS.scorecards,
            ...guarded('scorecards', () => import('../features/supervision/components/ScorecardsPage').then((m) => <m.ScorecardsPage />)),
          },
          // Issue 17: a department's 考生遴选 and 监考安排 (item 3), the approved scale (item 4).
          {
            path: PATHS.candidateSelection,
            ...guarded('candidateSelection', () =>
              import('../features/department-exams/components/CandidateSelectionPage').then((m) => <m.CandidateSelectionPage />),
            ),
          },
          {
            path: PATHS.invigilationArrangement,
            ...guarded('invigilationArrangement', () =>
              import('../features/department-exams/components/InvigilationPage').then((m) => <m.InvigilationPage />),
            ),
          },
          {
            path: PATHS.approvedScales,
            ...guarded('approvedScales', () =>
              import('../features/approved-scales/components/ApprovedScalesPage').then((m) => <m.ApprovedScalesPage />),
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
