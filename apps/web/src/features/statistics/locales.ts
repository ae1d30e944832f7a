import { featureStrings } from '../../lib/i18n';

/** Strings of the 统计分析 page beyond the shared `statistics.*` (the 动态报送 report). */
const zh = {
  statisticsReport: {
    download: '下载动态报送表',
    hint: '按汇总表格式导出{{scope}}{{year}}年的试点规模、计划考证、报名、参考、合格、通过率、发证与撤销数（按院校、按证书及等级）',
    national: '全国',
    ownProvince: '本省',
  },
};
const en: typeof zh = {
  statisticsReport: {
    download: 'Download dynamic report',
    hint: 'Exports, in the summary-table layout, the pilots, planned, registered and examined candidates, passes, pass rate, certificates issued and revoked of {{scope}} in {{year}} (by school, by certificate and level)',
    national: 'the whole country',
    ownProvince: 'your province',
  },
};
featureStrings(zh, en);
