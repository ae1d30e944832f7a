import { PassThrough } from 'node:stream';
import { SheetWriter, SHEET_WRITER_LIMITS } from './lib/spreadsheet/sheet-writer';
const lim = Number(process.argv[2]);
(SHEET_WRITER_LIMITS as any).maxOldGenerationSizeMb = lim;
(SHEET_WRITER_LIMITS as any).maxYoungGenerationSizeMb = Number(process.argv[3]);
const stream = new PassThrough(); let bytes = 0; stream.on('data', (c) => (bytes += c.length));
const w = new SheetWriter(stream);
const rss0 = process.memoryUsage().rss; let peak = rss0;
const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const s = performance.now();
for (let p = 0; p < 500; p++) {
  await w.add(Array.from({ length: 200 }, (_, i) => ({ number: `Y2026${p}${i}`, holderName: '张三丰', status: 'valid', level: 'advanced', issuedOn: new Date(), schoolName: '广州番禺职业技术学院', certificateTypeName: '物流管理职业技能等级证书', orgName: '北京中物联物流采购培训中心', a: 1, b: 2.5, c: 'x'.repeat(30), d: '备注'.repeat(10) })));
}
await w.end(null);
clearInterval(t);
console.log(`old ${lim} young ${process.argv[3]}: ${((performance.now() - s) / 1000).toFixed(2)} s, ${(bytes / 1e6).toFixed(1)} MB, rss +${((peak - rss0) / 1e6).toFixed(0)} MB`);
