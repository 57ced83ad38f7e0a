import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import type { MemorySample } from './types';

/**
 * Peak memory of the browser page. DuckDB-WASM lives in a Web Worker, which runs in the page's
 * renderer process: that process's peak resident size (VmHWM in /proc, reset at the start of
 * each phase through clear_refs) is the honest total: wasm heap, JS heaps, buffers. The main
 * thread's JS heap is sampled through the DevTools protocol (Performance.getMetrics) as well.
 * Linux only; elsewhere the peaks are null.
 */

/** Chromium processes started by this Node process (Playwright launches it as our child). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(e), ppid);
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, p] of parent) {
      if (p === pid) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

function rendererPids(): number[] {
  return descendants(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false;
    }
  });
}

function statusKB(pid: number, key: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export class PhaseMemory {
  private jsPeak = 0;
  private timer: NodeJS.Timeout | null = null;
  private cdp: CDPSession | null = null;

  private constructor(private readonly page: Page) {}

  /** Resets the renderer's peak and starts sampling the JS heap. */
  static async start(page: Page): Promise<PhaseMemory> {
    const m = new PhaseMemory(page);
    for (const pid of rendererPids()) {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
      } catch {
        // not permitted: the peak is then the process's lifetime peak
      }
    }
    try {
      m.cdp = await page.context().newCDPSession(page);
      await m.cdp.send('Performance.enable');
      m.timer = setInterval(() => void m.sample(), 250);
    } catch {
      m.cdp = null;
    }
    return m;
  }

  private async sample(): Promise<void> {
    try {
      const { metrics } = (await this.cdp!.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const used = metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0;
      this.jsPeak = Math.max(this.jsPeak, used);
    } catch {
      // page busy or gone
    }
  }

  async stop(phase: string, duckdbMB: number | null): Promise<MemorySample> {
    if (this.timer) clearInterval(this.timer);
    if (this.cdp) {
      await this.sample();
      await this.cdp.detach().catch(() => {});
    }
    const peaks = rendererPids()
      .map((pid) => statusKB(pid, 'VmHWM'))
      .filter((x): x is number => x !== null);
    return {
      phase,
      peakRssMB: peaks.length ? Math.round(Math.max(...peaks) / 1024) : null,
      jsHeapMB: this.cdp ? Math.round(this.jsPeak / 1e5) / 10 : null,
      duckdbMB,
    };
  }
}
