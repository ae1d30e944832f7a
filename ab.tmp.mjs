import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const res = { old: [], new: [] };
for (let i = 0; i < 8; i++) for (const [k, port] of [['old', 3998], ['new', 3999]]) {
  const ctx = await b.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const p = await ctx.newPage();
  const cdp = await ctx.newCDPSession(p); await cdp.send('Network.enable'); await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const t0 = performance.now();
  await p.goto(`http://127.0.0.1:${port}/login`, { waitUntil: 'commit' });
  await p.locator('button[type=submit]').first().waitFor({ state: 'visible' });
  res[k].push(Math.round(performance.now() - t0));
  await ctx.close();
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log('old', res.old.join(' '), 'median', med(res.old)); console.log('new', res.new.join(' '), 'median', med(res.new));
await b.close();
