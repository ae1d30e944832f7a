/** School types of R2.1 (技工学校 are excluded from the pilot). */
export const SCHOOL_TYPES = ['secondary', 'higher', 'undergrad_pilot', 'applied_undergrad', 'open_university'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const SCHOOL_TYPE_LABELS: Record<SchoolType, { zh: string; en: string }> = {
  secondary: { zh: '中职', en: 'Secondary vocational' },
  higher: { zh: '高职', en: 'Higher vocational' },
  undergrad_pilot: { zh: '本科层次职业教育试点学校', en: 'Vocational undergraduate pilot' },
  applied_undergrad: { zh: '应用型本科', en: 'Applied undergraduate' },
  open_university: { zh: '开放大学', en: 'Open university' },
};
