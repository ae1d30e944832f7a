import { createBrowserRouter, Outlet, RouterProvider, ScrollRestoration, useRouteError } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLayout } from '../components/AppLayout';
import { PublicLayout, PublicShell } from '../components/PublicLayout';
import { NotFound } from '../components/ResultPages';
import { AccountsPage } from '../features/accounts/components/AccountsPage';
import { ApiTokensPage } from '../features/api-tokens/components/ApiTokensPage';
import { AuditPage } from '../features/audit/components/AuditPage';
import { LoginPage } from '../features/auth/components/LoginPage';
import { CertificateTypeDetailPage } from '../features/catalog/components/CertificateTypeDetailPage';
import { CertificateTypesPage } from '../features/catalog/components/CertificateTypesPage';
import { PublicCatalogDetailPage } from '../features/catalog/components/PublicCatalogDetailPage';
import { PublicCatalogPage } from '../features/catalog/components/PublicCatalogPage';
import { AnnualPlansPage } from '../features/filings/components/AnnualPlansPage';
import { ChangeRequestsPage } from '../features/filings/components/ChangeRequestsPage';
import { FilingDetailPage } from '../features/filings/components/FilingDetailPage';
import { FilingsPage } from '../features/filings/components/FilingsPage';
import { RoundsPage } from '../features/filings/components/RoundsPage';
import { AgreementsPage } from '../features/fees/components/AgreementsPage';
import { FeeSettlementsPage } from '../features/fees/components/FeeSettlementsPage';
import { CertificateIssuancePage } from '../features/certificates/components/CertificateIssuancePage';
import { CredentialLandingPage } from '../features/certificates/components/CredentialLandingPage';
import { IssuerKeysPage } from '../features/certificates/components/IssuerKeysPage';
import { MyCertificatesPage } from '../features/certificates/components/MyCertificatesPage';
import { SchoolCertificatesPage } from '../features/certificates/components/SchoolCertificatesPage';
import { VerifyPage } from '../features/certificates/components/VerifyPage';
import { ExamSessionDetailPage } from '../features/exam-sessions/components/ExamSessionDetailPage';
import { ExamSessionsPage } from '../features/exam-sessions/components/ExamSessionsPage';
import { ExamSitesPage } from '../features/exam-sites/components/ExamSitesPage';
import { HomePage } from '../features/home/components/HomePage';
import { LearnersPage } from '../features/learners/components/LearnersPage';
import { ActivatePage, RegisterPage } from '../features/learners/components/PublicLearnerPages';
import { MyExamsPage } from '../features/my-exams/components/MyExamsPage';
import { EvaluationOrgsPage } from '../features/orgs/components/EvaluationOrgsPage';
import { MyOrganizationPage, OrgDetailPage } from '../features/orgs/components/OrgDetailPage';
import { MySchoolRedirect, SchoolDetailPage } from '../features/schools/components/SchoolDetailPage';
import { SchoolsPage } from '../features/schools/components/SchoolsPage';
import { ConversionApplicationsPage } from '../features/credit-bank/components/ConversionApplicationsPage';
import { CreditDepositsPage } from '../features/credit-bank/components/CreditDepositsPage';
import { CreditOutcomesPage } from '../features/credit-bank/components/CreditOutcomesPage';
import { LearningAccountDetailPage, LearningAccountsPage } from '../features/credit-bank/components/LearningAccountsPage';
import { MyLearningAccountPage } from '../features/credit-bank/components/MyLearningAccountPage';
import { RecognitionRulesPage } from '../features/credit-bank/components/RecognitionRulesPage';
import { RequireAuth, RequireRole } from './guards';

// Special funds load on first use (their own chunk).
const FundsPage = lazy(() => import('../features/funds/components/FundsPage').then((m) => ({ default: m.FundsPage })));
const AllocationPage = lazy(() => import('../features/funds/components/AllocationPage').then((m) => ({ default: m.AllocationPage })));
import { FILING_NAV_KEYS, navItem } from './navigation';

/** The route paths of the web app. */
export const PATHS = {
  login: '/login',
  home: navItem('home').path,
  accounts: navItem('accounts').path,
  audit: navItem('audit').path,
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
  funds: navItem('funds').path,
  fundAllocations: navItem('fundAllocations').path,
  myExams: navItem('myExams').path,
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
  activate: '/activate',
  register: '/register',
} as const;

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
      <Outlet />
    </>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      { path: PATHS.login, element: <LoginPage /> },
      {
        // The certificate catalog is public: no session needed.
        element: <PublicShell />,
        children: [
          { path: PATHS.catalog, element: <PublicCatalogPage /> },
          { path: `${PATHS.catalog}/:id`, element: <PublicCatalogDetailPage /> },
          // Certificate verification (R6.2): by number + name, the QR code's target, a holder's share link.
          { path: PATHS.verify, element: <VerifyPage /> },
          { path: `${PATHS.verify}/c/:code`, element: <CredentialLandingPage kind="code" /> },
          { path: `${PATHS.verify}/s/:token`, element: <CredentialLandingPage kind="share" /> },
        ],
      },
      {
        // Learner accounts: activation with the school's code, and registration of social learners (no session).
        element: <PublicLayout />,
        children: [
          { path: PATHS.activate, element: <ActivatePage /> },
          { path: PATHS.register, element: <RegisterPage /> },
        ],
      },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <HomePage /> },
          {
            path: PATHS.certificateTypes,
            element: (
              <RequireRole page="certificateTypes">
                <CertificateTypesPage />
              </RequireRole>
            ),
          },
          {
            path: `${PATHS.certificateTypes}/:id`,
            element: (
              <RequireRole page="certificateTypes">
                <CertificateTypeDetailPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.evaluationOrgs,
            element: (
              <RequireRole page="evaluationOrgs">
                <EvaluationOrgsPage />
              </RequireRole>
            ),
          },
          {
            path: `${PATHS.evaluationOrgs}/:id`,
            element: (
              <RequireRole page="evaluationOrgs">
                <OrgDetailPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.myOrganization,
            element: (
              <RequireRole page="myOrganization">
                <MyOrganizationPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.schools,
            element: (
              <RequireRole page="schools">
                <SchoolsPage />
              </RequireRole>
            ),
          },
          {
            path: `${PATHS.schools}/:id`,
            element: (
              <RequireRole page={['schools', 'mySchool']}>
                <SchoolDetailPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.mySchool,
            element: (
              <RequireRole page="mySchool">
                <MySchoolRedirect />
              </RequireRole>
            ),
          },
          {
            path: PATHS.accounts,
            element: (
              <RequireRole page="accounts">
                <AccountsPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.audit,
            element: (
              <RequireRole page="audit">
                <AuditPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.apiTokens,
            element: (
              <RequireRole page="apiTokens">
                <ApiTokensPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.filings,
            element: (
              <RequireRole page="filings">
                <FilingsPage mode="school" />
              </RequireRole>
            ),
          },
          {
            path: `${PATHS.filings}/:id`,
            element: (
              <RequireRole page={FILING_NAV_KEYS}>
                <FilingDetailPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.municipalReview,
            element: (
              <RequireRole page="municipalReview">
                <FilingsPage mode="municipal" />
              </RequireRole>
            ),
          },
          {
            path: PATHS.expertReviews,
            element: (
              <RequireRole page="expertReviews">
                <FilingsPage mode="expert" />
              </RequireRole>
            ),
          },
          {
            path: PATHS.filingRounds,
            element: (
              <RequireRole page="filingRounds">
                <RoundsPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.filingReview,
            element: (
              <RequireRole page="filingReview">
                <FilingsPage mode="province" />
              </RequireRole>
            ),
          },
          {
            path: PATHS.filingQuery,
            element: (
              <RequireRole page="filingQuery">
                <FilingsPage mode="national" />
              </RequireRole>
            ),
          },
          {
            path: PATHS.changeRequests,
            element: (
              <RequireRole page="changeRequests">
                <ChangeRequestsPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.annualPlans,
            element: (
              <RequireRole page="annualPlans">
                <AnnualPlansPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.learners,
            element: (
              <RequireRole page="learners">
                <LearnersPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.agreements,
            element: (
              <RequireRole page="agreements">
                <AgreementsPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.funds,
            element: (
              <RequireRole page="funds">
                <Suspense fallback={<Spin />}>
                  <FundsPage />
                </Suspense>
              </RequireRole>
            ),
          },
          {
            path: PATHS.fundAllocations,
            element: (
              <RequireRole page="fundAllocations">
                <Suspense fallback={<Spin />}>
                  <AllocationPage />
                </Suspense>
              </RequireRole>
            ),
          },
          {
            path: PATHS.feeSettlements,
            element: (
              <RequireRole page="feeSettlements">
                <FeeSettlementsPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.myExams,
            element: (
              <RequireRole page="myExams">
                <MyExamsPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.examSessions,
            element: (
              <RequireRole page={['examSessions', 'examRegistrations']}>
                <ExamSessionsPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.examRegistrations,
            element: (
              <RequireRole page="examRegistrations">
                <ExamSessionsPage />
              </RequireRole>
            ),
          },
          {
            path: `${PATHS.examSessions}/:id`,
            element: (
              <RequireRole page={['examSessions', 'examRegistrations']}>
                <ExamSessionDetailPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.examSites,
            element: (
              <RequireRole page="examSites">
                <ExamSitesPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.examSiteReview,
            element: (
              <RequireRole page="examSiteReview">
                <ExamSitesPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.certificateIssuance,
            element: (
              <RequireRole page="certificateIssuance">
                <CertificateIssuancePage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.issuerKeys,
            element: (
              <RequireRole page="issuerKeys">
                <IssuerKeysPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.myCertificates,
            element: (
              <RequireRole page="myCertificates">
                <MyCertificatesPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.schoolCertificates,
            element: (
              <RequireRole page="schoolCertificates">
                <SchoolCertificatesPage />
              </RequireRole>
            ),
          },
          // Credit bank (R7)
          {
            path: PATHS.myLearningAccount,
            element: (
              <RequireRole page="myLearningAccount">
                <MyLearningAccountPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.learningAccounts,
            element: (
              <RequireRole page="learningAccounts">
                <LearningAccountsPage />
              </RequireRole>
            ),
          },
          {
            path: `${PATHS.learningAccounts}/:id`,
            element: (
              <RequireRole page="learningAccounts">
                <LearningAccountDetailPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.creditDeposits,
            element: (
              <RequireRole page="creditDeposits">
                <CreditDepositsPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.recognitionRules,
            element: (
              <RequireRole page="recognitionRules">
                <RecognitionRulesPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.conversionApplications,
            element: (
              <RequireRole page="conversionApplications">
                <ConversionApplicationsPage />
              </RequireRole>
            ),
          },
          {
            path: PATHS.creditOutcomes,
            element: (
              <RequireRole page="creditOutcomes">
                <CreditOutcomesPage />
              </RequireRole>
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
