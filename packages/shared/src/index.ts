export * from './roles';
export * from './errors';
export * from './contracts';
export * from './schools';
export * from './catalog';
export * from './filings';
export * from './pass-rates';
export * from './filing-extras';
