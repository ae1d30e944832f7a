import type { PassRateFlagDto, RuleOverrides } from '@onex/shared';
import type { Actor } from '../../auth/actor';
import type { Db } from '../../db/types';
import * as q from './pass-rates.queries';
import { passRateFlag, passRateThreshold } from './pass-rates.rules';

interface FilingKey {
  school_id: string;
  certificate_type_id: string;
  year: number;
}

/** R3.9: the pass-rate flag of a filing as the actor sees it (the filing core shows it in the filing's detail). */
export async function passRateFlagOf(db: Db, actor: Actor, f: FilingKey, ruleOverrides: RuleOverrides): Promise<PassRateFlagDto> {
  const [rows, override] = await Promise.all([
    q.passRatesOf(db, f.school_id, f.certificate_type_id, [f.year - 1, f.year]),
    q.passRateOverrideOf(db, f.school_id, f.certificate_type_id, f.year),
  ]);
  return passRateFlag({
    year: f.year,
    threshold: passRateThreshold(ruleOverrides),
    rows,
    override: override ? { reason: override.reason, at: override.created_at, by: override.display_name } : null,
    mayOverride: actor.role === 'province_admin',
  });
}
