import type { PassRateFlagDto } from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { lockVisibleFiling, roundRuleOverrides } from '../filings/filings.service';
import * as q from './pass-rates.queries';
import { passRateFlagOf } from './pass-rates.service';

/**
 * The province lifts the pass-rate restriction of a filing (its school × certificate × year) with a reason:
 * 404 outside scope, 403 for anyone but the province administrator, 409 when the filing is not restricted.
 */
export async function overridePassRate(deps: Deps, ctx: RequestContext, filingId: string, reason: string): Promise<PassRateFlagDto> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // A restriction is a fact of the school × certificate × year: lifted before the school submits, so also on a draft.
    const r = await lockVisibleFiling(trx, actor, filingId, { drafts: true });
    if (actor.role !== 'province_admin') throw new AppError('FORBIDDEN');
    const overrides = await roundRuleOverrides(trx, r.round_id);
    const flag = await passRateFlagOf(trx, actor, r, overrides);
    if (flag.overridden) throw new AppError('PASS_RATE_ALREADY_OVERRIDDEN');
    if (!flag.restricted) throw new AppError('PASS_RATE_NOT_RESTRICTED', { previousYear: flag.previousYear });
    const id = await q.insertPassRateOverride(trx, {
      provinceCode: r.province_code,
      schoolId: r.school_id,
      certificateTypeId: r.certificate_type_id,
      year: r.year,
      reason,
      at: now,
      by: actor.userId,
    });
    if (!id) throw new AppError('PASS_RATE_ALREADY_OVERRIDDEN');
    await recordAudit(trx, ctx, now, {
      action: 'filing.pass_rate_override',
      targetType: 'filing',
      targetId: filingId,
      summary: { reason, year: r.year, certificateTypeId: r.certificate_type_id, previousYear: flag.previousYear },
      scope: { provinceCode: r.province_code, cityCode: r.city_code, schoolId: r.school_id },
    });
    return passRateFlagOf(trx, actor, r, overrides);
  });
}
