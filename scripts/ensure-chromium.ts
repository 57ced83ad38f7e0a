/**
 * `npm test`'s first step (pretest, and pretest:e2e): the browser tests need Chromium. Uses
 * the one found (src/bench/chromium.ts: CHROMIUM_PATH, /usr/bin/chromium, `chromium` on PATH);
 * as root with apt, installs Debian's package; otherwise stops at once with the one command
 * to run, before any test starts.
 */
import { spawnSync } from 'node:child_process';
import { chromiumPlan, findChromium, isExecutable } from '../src/bench/chromium-path';

const hasApt = ['/usr/bin/apt-get', '/bin/apt-get'].some(isExecutable);
const plan = chromiumPlan({ env: process.env }, { isRoot: process.getuid?.() === 0, hasApt });

if (plan.do === 'stop') {
  console.error(plan.message);
  process.exit(1);
}
if (plan.do === 'install') {
  console.log(`Chromium not found: installing Debian's package (${plan.command})`);
  const r = spawnSync('sh', ['-c', plan.command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const found = findChromium();
  if (r.status !== 0 || found.path === null) {
    console.error(`Installing Chromium failed (${plan.command}). Install it, or set CHROMIUM_PATH to a Chromium or Chrome binary.`);
    process.exit(1);
  }
  console.log(`Chromium installed: ${found.path}`);
}
