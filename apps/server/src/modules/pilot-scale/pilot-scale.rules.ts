import { AppError } from '../../lib/errors';

/**
 * Approved scale (issue 17 item 2; 鄂教职成办函〔2021〕7号 四.2 审核确定试点院校、证书及规模): the province fixes how many
 * candidates a pilot may register per exam year; registrations beyond it are refused with the reason; changing a
 * fixed scale needs a reason. Pure.
 */

/** Refuses when `adding` more registrations would take the pilot's year past its approved scale (null: not fixed). */
export function assertWithinScale(scale: number | null, current: number, adding: number, year: number): void {
  if (scale === null || adding === 0 || current + adding <= scale) return;
  throw new AppError(
    'SCALE_EXCEEDED',
    { scale, current, adding, year },
    `该试点项目 ${year} 年核定考核规模为 ${scale} 人，已报名 ${current} 人，本次再报 ${adding} 人将超出核定规模（试点规模由省级教育行政部门审核确定）；如需扩大规模，请省级教育行政部门调整核定规模`,
  );
}

/** Fixing a scale the first time needs no reason; changing a fixed one does. */
export function scaleChangeProblem(from: number | null, to: number, reason: string | null | undefined): 'SCALE_REASON_REQUIRED' | null {
  if (from !== null && from !== to && !reason?.trim()) return 'SCALE_REASON_REQUIRED';
  return null;
}
