import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { contentSecurityPolicy, securityHeaders } from '../../src/build/security-headers';
import { ROOT } from './harness';

/**
 * The security policy travels as HTTP headers (src/build/security-headers.ts), on the page and
 * on DuckDB's worker script: a dedicated worker takes its CSP from its own response, and it
 * holds all the data. A server on another origin (another port) that would answer anyone
 * (CORS *) counts the requests it gets: a fetch to it from the page or from inside DuckDB's
 * worker must be refused by the browser and never reach it, while a fetch to the page's own
 * origin from the same worker still works.
 */
export async function securityChecks(context: BrowserContext, url: string, check: (ok: boolean, what: string) => void): Promise<void> {
  const expected = securityHeaders();
  const workerFile = readdirSync(path.join(ROOT, 'dist/assets')).find((f) => /^duckdb-browser-eh\.worker.*\.js$/.test(f));
  for (const u of [url, new URL(`assets/${workerFile}`, url).toString()]) {
    const res = await fetch(u);
    const differ = Object.entries(expected).filter(([k, v]) => res.headers.get(k) !== v);
    check(res.ok && differ.length === 0, `${new URL(u).pathname} is served with the security headers${differ.length ? `; differ: ${differ.map(([k]) => `${k}: ${res.headers.get(k)}`).join(', ')}` : ''}`);
  }
  check(/frame-ancestors 'none'/.test(expected['Content-Security-Policy']!), "the header policy forbids framing (frame-ancestors 'none')");
  const html = await (await fetch(url)).text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]?.replace(/&#39;/g, "'");
  check(meta === contentSecurityPolicy({ meta: true }), `the page's <meta> policy is the header's, less frame-ancestors ("${meta?.slice(0, 60)}…")`);

  let hits = 0;
  const other = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }).end('leaked');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const address = other.address();
  const otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/exfiltrate`;
  const page = await context.newPage();
  try {
    const workerSeen = page.waitForEvent('worker', { predicate: (w) => /duckdb-worker/.test(w.url()), timeout: 60_000 });
    await page.goto(url, { waitUntil: 'load' });
    const worker = await workerSeen;
    const attempt = (target: string) =>
      fetch(target).then((r) => r.text().then((t) => `fetched: ${t.slice(0, 20)}`), (e: unknown) => `refused: ${String(e)}`);
    const fromWorker = await worker.evaluate(attempt, otherUrl);
    const ownFromWorker = await worker.evaluate(attempt, url);
    const fromPage = await page.evaluate(attempt, otherUrl);
    check(fromWorker.startsWith('refused') && fromPage.startsWith('refused') && hits === 0, `a fetch to another origin is refused from DuckDB's worker ("${fromWorker}") and from the page ("${fromPage}"); requests that reached it: ${hits}`);
    check(ownFromWorker.startsWith('fetched'), `the same worker still fetches from its own origin ("${ownFromWorker}")`);
  } finally {
    await page.close();
    other.close();
  }
}
