import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { MAPPING_SCHEMA_FILE } from '../../scripts/write-mapping-schema';
import { sniff } from '../../src/loader/import/decode';
import { buildPreset, PRESET_LIST } from '../../src/loader/import/presets';
import { type MappingSpec } from '../../src/loader/import/spec';
import { validateMapping } from '../../src/loader/import/spec/validate';
import { mappingJsonSchemaText } from '../../src/loader/import/spec/json-schema';
import { answerQuestion } from '../../src/loader/import/suggest';
import { flatOrdersCsv } from '../helpers/flat-export';
import { BAD_MAPPINGS, goodMapping } from './bad-mappings';

/**
 * The published JSON Schema (schema/mapping.schema.json) is what `npm run schema` writes from
 * the loader's own schema, and it agrees with validateMapping: every preset's mapping and
 * every saved mapping passes both; the bad mappings it can judge fail both.
 */

const ROOT = path.join(__dirname, '..', '..');
const committed = readFileSync(MAPPING_SCHEMA_FILE, 'utf8');
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
const schemaAccepts = ajv.compile(JSON.parse(committed) as object);
const fixture = (p: string) => new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures/import', p)));

/** Each preset on a test fixture of its kind (a preset may have several). */
const PRESET_FILES: { preset: string; name: string; bytes: () => Uint8Array }[] = [
  { preset: 'amazon_fba_returns', name: 'amazon_fba_returns.tsv', bytes: () => fixture('amazon_fba_returns.tsv') },
  { preset: 'amazon_seller_returns', name: 'amazon_seller_returns.txt', bytes: () => fixture('presets/amazon_seller/amazon_seller_returns.txt') },
  { preset: 'flat_sales_export', name: 'Orders.csv', bytes: () => new TextEncoder().encode(flatOrdersCsv()) },
  {
    preset: 'invoice_credit_notes', name: 'online_retail_sample_20k.csv',
    bytes: () => new Uint8Array(readFileSync('/work/shared/data/online_retail_sample/online_retail_sample_20k.csv')).slice(0, 50_000),
  },
  { preset: 'returned_orders_list', name: 'returned_orders.csv', bytes: () => fixture('presets/returned_list/returned_orders.csv') },
  { preset: 'reviews', name: 'yotpo_reviews.csv', bytes: () => fixture('presets/reviews/yotpo_reviews.csv') },
  { preset: 'reviews', name: 'judgeme_reviews.csv', bytes: () => fixture('presets/reviews/judgeme_reviews.csv') },
  { preset: 'shopify_orders', name: 'orders_export.csv', bytes: () => fixture('presets/shopify/orders_export.csv') },
  { preset: 'shopify_orders', name: 'orders_export_drifted.csv', bytes: () => fixture('presets/shopify/orders_export_drifted.csv') },
  { preset: 'shopify_returns', name: 'shopify_returns.csv', bytes: () => fixture('presets/shopify/shopify_returns.csv') },
];

const verdicts = (x: unknown) => ({ loader: validateMapping(x).ok, schema: schemaAccepts(x) });

describe('the published mapping JSON Schema', () => {
  it('is the file `npm run schema` writes (run it after changing the schema)', () => {
    expect(committed).toBe(mappingJsonSchemaText());
  });

  it('names itself without a web address and carries the field descriptions', () => {
    const s = JSON.parse(committed) as { $id: string; $schema: string; properties: Record<string, { description?: string }> };
    expect(s.$id).toBe('urn:returns-insight:mapping:1');
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.properties.files!.description).toMatch(/File-name patterns/);
    expect(committed).toContain('Strip currency symbols and codes');
  });

  it('accepts every preset mapping built on its fixture, as the loader does', () => {
    expect(new Set(PRESET_FILES.map((f) => f.preset))).toEqual(new Set(PRESET_LIST.map((p) => p.id)));
    for (const f of PRESET_FILES) {
      const built = buildPreset(f.preset as never, sniff(f.bytes(), f.name));
      let mapping: MappingSpec = built.mapping;
      // An unanswered date question refuses to load: the JSON Schema says so too.
      if (built.questions.some((q) => q.kind === 'date_format')) expect(verdicts(mapping), f.name).toEqual({ loader: false, schema: false });
      for (const q of built.questions) mapping = answerQuestion(mapping, q, q.options[0]!);
      expect(verdicts(mapping), `${f.name}: ${JSON.stringify(schemaAccepts.errors)}`).toEqual({ loader: true, schema: true });
    }
  });

  it('accepts every saved mapping of data/mappings, as the loader does', () => {
    const dir = path.join(ROOT, 'data/mappings');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const m: unknown = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
      expect(verdicts(m), `${f}: ${JSON.stringify(schemaAccepts.errors)}`).toEqual({ loader: true, schema: true });
      // A mapping that points an editor at the schema still loads.
      expect(verdicts({ $schema: '../../schema/mapping.schema.json', ...(m as object) }), f).toEqual({ loader: true, schema: true });
    }
  });

  it('rejects the bad mappings it can judge, as the loader does; the others are the loader\'s rules alone', () => {
    expect(verdicts(goodMapping())).toEqual({ loader: true, schema: true });
    for (const c of BAD_MAPPINGS) {
      expect(verdicts(c.mapping()), c.name).toEqual({ loader: false, schema: !c.schemaToo });
    }
    expect(BAD_MAPPINGS.filter((c) => c.schemaToo).length).toBeGreaterThan(12);
  });
});

describe('bad mappings', () => {
  it.each(BAD_MAPPINGS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = validateMapping(c.mapping());
    expect(r.ok ? [] : r.errors).toEqual(c.errors);
  });
});
