import { sql as foundation } from './0001_foundation';
import { sql as catalog } from './0002_catalog';
import { sql as schools } from './0003_schools';
import { sql as filings } from './0004_filings';
import { sql as filingExtras } from './0005_filing_extras';
import { sql as exams } from './0006_exams';
import { sql as resultsImport } from './0008_results_import';
import { sql as learnerActivationIndex } from './0009_learner_activation_index';
import { sql as certificates } from './0010_certificates';
import { sql as creditBank } from './0011_credit_bank';
import { sql as credentialBatches } from './0012_credential_batches';
import { sql as credentialFormat } from './0013_credential_format';
import { sql as keyCheckAuditAnchor } from './0014_key_check_audit_anchor';
import { sql as securityEvents } from './0015_security_events';
import { sql as jobAttempts } from './0016_job_attempts';
import { sql as supervision } from './0018_supervision';
import { sql as drawExclusions } from './0019_draw_exclusions';
import { sql as funds } from './0020_funds';
import { sql as sessionPublicity } from './0021_session_publicity';
import { sql as statistics } from './0022_statistics';
import { sql as complaintVerdicts } from './0023_complaint_verdicts';
import { sql as fundAdjustments } from './0024_fund_adjustments';
import { sql as exportJobs } from './0026_export_jobs';
import { sql as policies } from './0027_policies';
import { sql as schoolSelfRegistration } from './0028_school_self_registration';
import { sql as pilotAcceptance } from './0029_pilot_acceptance';
import { sql as outcomeApplications } from './0030_outcome_applications';
import { sql as socialLearners } from './0031_social_learners';
import { sql as examsMore } from './0032_exams_more';
import { sql as notices } from './0034_notices';
import { sql as typicalCases } from './0035_typical_cases';
import { sql as training } from './0036_training';
import { sql as statisticsRegions } from './0038_statistics_regions';
import { sql as examSiteRegister } from './0039_exam_site_register';
import { sql as feeNotices } from './0040_fee_notices';
import { sql as certificateListOrder } from './0041_certificate_list_order';
import { sql as examSiteClosure } from './0042_exam_site_closure';

export interface Migration {
  name: string;
  sql: string;
}

/** Hand-written SQL migrations, applied in this order; never edit one that has shipped, add a new one. */
export const migrations: Migration[] = [
  { name: '0001_foundation', sql: foundation },
  { name: '0002_catalog', sql: catalog },
  { name: '0003_schools', sql: schools },
  { name: '0004_filings', sql: filings },
  { name: '0005_filing_extras', sql: filingExtras },
  { name: '0006_exams', sql: exams },
  { name: '0008_results_import', sql: resultsImport },
  { name: '0009_learner_activation_index', sql: learnerActivationIndex },
  { name: '0010_certificates', sql: certificates },
  { name: '0011_credit_bank', sql: creditBank },
  { name: '0012_credential_batches', sql: credentialBatches },
  { name: '0013_credential_format', sql: credentialFormat },
  { name: '0014_key_check_audit_anchor', sql: keyCheckAuditAnchor },
  { name: '0015_security_events', sql: securityEvents },
  { name: '0016_job_attempts', sql: jobAttempts },
  { name: '0018_supervision', sql: supervision },
  { name: '0019_draw_exclusions', sql: drawExclusions },
  { name: '0020_funds', sql: funds },
  { name: '0021_session_publicity', sql: sessionPublicity },
  { name: '0022_statistics', sql: statistics },
  { name: '0023_complaint_verdicts', sql: complaintVerdicts },
  { name: '0024_fund_adjustments', sql: fundAdjustments },
  { name: '0026_export_jobs', sql: exportJobs },
  { name: '0027_policies', sql: policies },
  { name: '0028_school_self_registration', sql: schoolSelfRegistration },
  { name: '0029_pilot_acceptance', sql: pilotAcceptance },
  { name: '0030_outcome_applications', sql: outcomeApplications },
  { name: '0031_social_learners', sql: socialLearners },
  { name: '0032_exams_more', sql: examsMore },
  { name: '0034_notices', sql: notices },
  { name: '0035_typical_cases', sql: typicalCases },
  { name: '0036_training', sql: training },
  { name: '0038_statistics_regions', sql: statisticsRegions },
  { name: '0039_exam_site_register', sql: examSiteRegister },
  { name: '0040_fee_notices', sql: feeNotices },
  { name: '0041_certificate_list_order', sql: certificateListOrder },
  { name: '0042_exam_site_closure', sql: examSiteClosure },
];
