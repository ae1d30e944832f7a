import type { FilingRuleDef } from '@onex/shared';

export type Params = Record<string, unknown>;

/** The form's value of a rule's parameters: the defaults, overridden by the round's values. */
export function paramsFormValue(rule: FilingRuleDef, override: Params | undefined): Params {
  return { ...rule.params, ...override };
}

/** Only the parameters that differ from the rule's defaults are stored as the round's override. */
export function changedParams(rule: FilingRuleDef, value: Params | undefined): Params | undefined {
  const changed = Object.entries(value ?? {}).filter(
    ([k, v]) => v !== undefined && v !== null && JSON.stringify(v) !== JSON.stringify(rule.params[k]),
  );
  return changed.length ? Object.fromEntries(changed) : undefined;
}
