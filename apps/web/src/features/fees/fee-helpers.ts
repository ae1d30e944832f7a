import type { CertificateLevel, FeeSettlementDto } from '@onex/shared';
import { ApiError } from '../../lib/api';
import { errorMessage, type Lang } from '../../lib/errors';
import { yuanToFen } from '../../lib/money';

export { yuanToFen } from '../../lib/money';

/** True when a fee is above its level's cap (a missing fee is not over). */
export function isOverCap(feeFen: number | null, capFen: number | null | undefined): boolean {
  if (feeFen === null || capFen === null || capFen === undefined) return false;
  return feeFen > capFen;
}

export interface FeeRow {
  level: CertificateLevel;
  /** Yuan as typed. */
  yuan?: number | null;
}

/** The fees to send: one per filled level, in fen. */
export function feesToSend(rows: readonly (FeeRow | undefined)[]): { level: CertificateLevel; feeFen: number }[] {
  const out: { level: CertificateLevel; feeFen: number }[] = [];
  for (const r of rows) {
    if (!r) continue;
    const fen = yuanToFen(r.yuan);
    if (fen !== null) out.push({ level: r.level, feeFen: fen });
  }
  return out;
}

/** Totals of a page of settlements: what is still due and what is settled, in fen. */
export function settlementTotals(items: readonly Pick<FeeSettlementDto, 'dueFen' | 'status' | 'exemptCount'>[]): {
  dueFen: number;
  settledFen: number;
  exempt: number;
} {
  let dueFen = 0;
  let settledFen = 0;
  let exempt = 0;
  for (const s of items) {
    if (s.status === 'settled') settledFen += s.dueFen;
    else dueFen += s.dueFen;
    exempt += s.exemptCount;
  }
  return { dueFen, settledFen, exempt };
}

/**
 * The message of a failed agreement: for FEE_ABOVE_CAP the server's own Chinese message names the fee and the cap
 * (“考核费用 560.00 元超过该等级上限 540.00 元”), so it is shown as is; other errors use the registry.
 */
export function agreementErrorText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError && err.code === 'FEE_ABOVE_CAP' && err.message && lang === 'zh-CN') return err.message;
  return errorMessage(err, lang);
}
