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
import { sql as funds } from './0020_funds';

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
  { name: '0020_funds', sql: funds },
];
