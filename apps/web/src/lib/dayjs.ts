import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Lang } from './errors';

/** Month and weekday names of the date pickers follow the app language. */
export function setDayjsLocale(lang: Lang): void {
  dayjs.locale(lang === 'en-US' ? 'en' : 'zh-cn');
}

setDayjsLocale('zh-CN');
