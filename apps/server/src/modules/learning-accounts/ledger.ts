/**
 * The credit-bank ledger (R7.1, R6.5), for other modules: certificate issuance opens accounts and deposits
 * certificates through these functions, inside its own transaction. The SQL lives in ledger.queries.ts.
 */
export {
  type OutcomeDeposit,
  accountsForLearners,
  depositOutcomes,
  recomputedTotals,
  reverseOutcome,
  withdrawFromTotals,
} from './ledger.queries';
