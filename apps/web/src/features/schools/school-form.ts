import { validateCreditCode } from '@onex/shared';

/** The live message under the 统一社会信用代码 field: '' while empty, null when valid. */
export function creditCodeHelp(raw: string | undefined): string | null {
  const code = (raw ?? '').trim().toUpperCase();
  if (!code) return '';
  if (code.length < 18) return `还需 ${18 - code.length} 位（统一社会信用代码应为 18 位）`;
  const r = validateCreditCode(code);
  if (r.ok) return null;
  if (r.problem === 'check') return '校验位错误：统一社会信用代码校验位不正确，请核对是否录入有误';
  return r.message;
}

/** The VALIDATION_FAILED paths (`body.trainingRooms.0.name`) as form field names (`['trainingRooms', 0, 'name']`). */
export function fieldPath(path: string): (string | number)[] {
  return path
    .replace(/^(body|querystring|params)(\.|$)/, '')
    .split('.')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** `0.647` → `64.7%`. */
export function formatRatio(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  return `${Math.round(v * 1000) / 10}%`;
}
