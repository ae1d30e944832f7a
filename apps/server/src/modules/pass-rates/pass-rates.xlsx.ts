import { PASS_RATE_GROUP_LABELS, PASS_RATE_WARNING, type PassRateReportDto } from '@onex/shared';
import { newWorkbook } from '../../lib/on-demand';

/** The pass-rate table as an .xlsx sheet (the 通过率 page's 导出, R5.6, R10.2): one row per group, then the total. */
export async function passRateWorkbook(r: PassRateReportDto): Promise<Buffer> {
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet('通过率');
  sheet.columns = [
    { header: PASS_RATE_GROUP_LABELS[r.groupBy].zh, key: 'label', width: 40 },
    { header: '参考人数', key: 'candidates', width: 10 },
    { header: '合格人数', key: 'passed', width: 10 },
    { header: '不合格人数', key: 'failed', width: 12 },
    { header: '通过率', key: 'rate', width: 10, style: { numFmt: '0.0%' } },
    { header: `低于${PASS_RATE_WARNING * 100}%`, key: 'below', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  const below = (rate: number | null) => (rate !== null && rate < PASS_RATE_WARNING ? '是' : '');
  for (const i of r.items) sheet.addRow({ ...i, rate: i.rate ?? '—', below: below(i.rate) });
  sheet.addRow({ label: '合计', ...r.total, rate: r.total.rate ?? '—', below: below(r.total.rate) }).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
