import { DEFAULT_FALSE_WORDS, DEFAULT_TRUE_WORDS, MAPPING_VERSION, type ExclusionRule, type MappingSpec } from '../spec';
import { column, role, sourceOf, type PresetDef } from './define';

// A list of returned orders (order id + flag), next to line-level orders

/** Flag words meaning "this order was returned". */
export const RETURNED_WORDS = [...DEFAULT_TRUE_WORDS, 'returned', 'x'];

export const RETURNED_ORDERS: PresetDef = {
  id: 'returned_orders_list',
  label: 'List of returned orders',
  description:
    'One row per returned ORDER (an order id and a "Returned" flag, like the Returns sheet of the Superstore sample), next to ' +
    'a line-level orders file: every line of a flagged order counts as returned. Load it after the order lines.',
  roles: {
    order_id: role(['Order ID', 'Order', 'Order Number', 'Order No', 'Order Name', 'Order Reference'], 1, true),
    returned: role(['Returned', 'Is Returned', 'Return', 'Return Flag', 'Returned Flag'], 1),
  },
  valueBonus(s, m) {
    // A short file: a list, not an order export that happens to have a flag.
    const flags = m.returned ? column(s, m.returned).map((v) => v.trim().toLowerCase()).filter((v) => v !== '') : [];
    const flagLike = flags.every((v) => RETURNED_WORDS.includes(v) || DEFAULT_FALSE_WORDS.includes(v));
    return (s.header.length <= 4 ? 1 : 0.5) * (flagLike ? 1 : 0.6);
  },
  build(s, m) {
    const notes: string[] = [];
    const exclude: ExclusionRule[] = m.returned
      ? [{ when: { column: m.returned, is: 'one_of', values: RETURNED_WORDS, not: true }, reason: 'not flagged as returned' }]
      : [];
    notes.push(
      `Every order line (already loaded) of an order listed here${m.returned ? ` with "${m.returned}" = Yes` : ''} becomes a return of its whole quantity: return_id = order id | line id.`,
      'An order that has no loaded order lines is rejected (load the orders first).',
      'An order listed twice is one return: its later rows are merged into the first.',
      ...(m.returned ? [`Rows whose "${m.returned}" is not a yes word (${RETURNED_WORDS.join(', ')}) are excluded.`] : ['There is no flag column: every listed order counts as returned.']),
    );
    const mapping: MappingSpec = {
      version: MAPPING_VERSION, name: RETURNED_ORDERS.label, preset: RETURNED_ORDERS.id,
      source: sourceOf(s),
      targets: [{
        table: 'returns',
        expandToOrderLines: true,
        // A list that names an order twice says the same thing twice (Superstore's Returns sheet
        // repeats some orders): merged into its first row, never a rejected duplicate.
        duplicates: 'first',
        columns: { return_id: { column: m.order_id! }, order_id: { column: m.order_id! } },
        ...(exclude.length > 0 ? { exclude } : {}),
      }],
      notes,
    };
    return { mapping, questions: [], notes };
  },
};
