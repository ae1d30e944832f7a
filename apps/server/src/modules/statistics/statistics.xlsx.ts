import type { StatisticsGroup, StatisticsSummary } from '@onex/shared';
import { newWorkbook } from '../../lib/on-demand';

const GROUP_HEADERS: Record<StatisticsGroup, string> = {
  province: '省份',
  city: '地市',
  school: '学校',
  certificateType: '证书',
  level: '等级',
  year: '年度',
};

/** The statistics summary as an .xlsx sheet (the 统计分析 page's 导出): one row per group and the totals. */
export async function summaryWorkbook(s: StatisticsSummary, group: StatisticsGroup): Promise<Buffer> {
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet('统计汇总');
  sheet.columns = [
    { header: GROUP_HEADERS[group], key: 'label', width: 28 },
    { header: '试点项目', key: 'pilots', width: 10 },
    { header: '计划考证人数', key: 'plannedCandidates', width: 14 },
    { header: '报名人数', key: 'registeredCandidates', width: 10 },
    { header: '参考人数', key: 'examinedCandidates', width: 10 },
    { header: '合格人数', key: 'passed', width: 10 },
    { header: '通过率', key: 'passRate', width: 10, style: { numFmt: '0.0%' } },
    { header: '发证数', key: 'certificatesIssued', width: 10 },
    { header: '撤销数', key: 'certificatesRevoked', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of s.rows) sheet.addRow(r);
  sheet.addRow({ label: '合计', ...s.totals }).font = { bold: true };
  sheet.addRow([`数据截至 ${s.asOf}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
