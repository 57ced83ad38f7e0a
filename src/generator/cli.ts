/**
 * npm run generate -- --orders N --seed S --out DIR
 * Writes the five canonical CSV files and truth.json; same arguments, same bytes.
 */
import { parseArgs } from 'node:util';
import { defaultSkuCount } from './catalog';
import { directorySink } from './csv-writer';
import { generate } from './generate';

const HELP = `Synthetic returns data with planted, documented patterns.

Usage: npm run generate -- --out DIR [--orders N] [--seed S] [--skus K]

  --out DIR      folder to write order_lines.csv, products.csv, shipments.csv,
                 returns.csv, reviews.csv and truth.json (created if missing)
  --orders N     number of orders, >= 1000 (default 15000; ~1.8 lines per order)
  --seed S       seed, a number or a word (default 42); same seed, same bytes
  --skus K       number of SKUs (default min(2000, 150 + orders/100))
  -h, --help     show this help

truth.json lists what was planted: bad supplier and SKUs, worst carrier, the
policy change, leakage cases (with exact counts and return ids) and abusers.`;

function main(): void {
  const values = parseOptions();
  if (values.help) {
    console.log(HELP);
    return;
  }
  const orders = Number(values.orders);
  const skus = values.skus === undefined ? undefined : Number(values.skus);
  if (!values.out) fail('--out DIR is required');
  if (!Number.isInteger(orders) || orders < 1000) fail('--orders must be an integer >= 1000');
  if (skus !== undefined && (!Number.isInteger(skus) || skus < 150)) fail('--skus must be an integer >= 150');
  const seed = /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed;

  const started = performance.now();
  const truth = generate({ orders, seed, skus: skus ?? defaultSkuCount(orders) }, directorySink(values.out));
  const seconds = (performance.now() - started) / 1000;
  const r = truth.rows;
  console.log(
    `${values.out}: ${r.order_lines} order lines, ${r.products} products, ${r.shipments} shipments, ` +
      `${r.returns} returns, ${r.reviews} reviews (line return rate ${(truth.totals.line_return_rate! * 100).toFixed(1)}%) ` +
      `in ${seconds.toFixed(1)} s`,
  );
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        out: { type: 'string' },
        orders: { type: 'string', default: '15000' },
        seed: { type: 'string', default: '42' },
        skus: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

function fail(message: string): never {
  console.error(`error: ${message}\n\n${HELP}`);
  process.exit(2);
}

main();
