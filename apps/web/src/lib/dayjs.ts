import { chinaDate } from '@onex/shared';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Lang } from './errors';

/** Month and weekday names of the date pickers follow the app language. */
export function setDayjsLocale(lang: Lang): void {
  dayjs.locale(lang === 'en-US' ? 'en' : 'zh-cn');
}

setDayjsLocale('zh-CN');

/**
 * Today as the server counts it (China's date, UTC+8): forms default to and limit by this date, so that a browser in
 * another time zone (or a machine clock at 16:00–24:00 UTC) does not offer "yesterday" and see it refused.
 */
export function chinaToday(): Dayjs {
  return dayjs(chinaDate(new Date()));
}
