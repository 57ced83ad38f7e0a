import { launch, startPreview, waitIdle } from './harness';
const PAGES = ['overview','products','reasons','suppliers','carriers','turnaround','cost','leakage','policy','customers','signals','data','sql'];
const server = await startPreview();
const b = await launch();
const { page } = b;
const extra = process.argv[2] ?? '';
for (const p of PAGES) {
  if (p === 'overview') await page.goto(`${server.url}?page=${p}${extra}`);
  else await page.evaluate((s) => { window.history.pushState(null, '', s); window.dispatchEvent(new PopStateEvent('popstate')); }, `?page=${p}${extra}`);
  await page.waitForTimeout(200);
  await page.getByTestId(`page-${p}`).waitFor({ timeout: 120_000 }).catch(() => console.log('no testid', p));
  await waitIdle(page).catch(() => console.log('not idle', p));
  await page.waitForTimeout(500);
  const text = await page.evaluate(() => document.body.innerText);
  const snake = [...new Set(text.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g) ?? [])];
  const dates = [...new Set(text.match(/\b\d{4}-\d{2}-\d{2}\b|\b[A-Z][a-z]{2} \d{1,2}, \d{2,4}\b|\b\d{1,2} [A-Z][a-z]{2} \d{4}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{2}\.\d{2}\.\d{4}\b|mm\/dd\/yyyy|dd\/mm\/yyyy/g) ?? [])];
  const money = [...new Set(text.match(/€\s?[\d.,]+[KMB]?|[\d.,]+\s?€/g) ?? [])];
  console.log(`== ${p}\n snake: ${snake.join(' ')}\n dates: ${dates.slice(0, 12).join(' | ')}\n money: ${money.slice(0, 15).join(' | ')}`);
  await page.screenshot({ path: `/tmp/words/${p}.png`, fullPage: true });
}
await b.close();
server.stop();
process.exit(0);
