import type { Question } from '../suggest';
import { MAPPING_VERSION, type MappingSpec, type TargetSpec, type ValueSource } from '../spec';
import { column, dateFor, numberFor, role, shipModeColumns, sourceOf, type PresetDef } from './define';
import { checkLineTotal } from './line-total';

// A flat sales export: one row per order line carrying the product, the customer, the region
// and the shipping (like the orders sheet of the "Superstore" sample).

export const FLAT_SALES: PresetDef = {
  id: 'flat_sales_export',
  label: 'Flat sales export (one row per order line)',
  description:
    'One row per order line carrying product, customer, region and shipping columns, like the orders sheet of the "Superstore" sample ' +
    '(Row ID, Order ID, Order Date, Ship Date, Ship Mode, Customer ID, Region, Product ID, Category, Product Name, Sales, Quantity ...). ' +
    'Fills order lines, products and shipments in one step; a line total (Sales) becomes a unit price (÷ quantity).',
  roles: {
    row_id: role(['Row ID', 'Row', 'Row Number', 'Line ID', 'Line Number', 'Line No'], 1),
    order_id: role(['Order ID', 'Order Number', 'Order No', 'Order'], 1, true),
    order_date: role(['Order Date', 'Ordered At', 'Purchase Date'], 1, true),
    ship_date: role(['Ship Date', 'Shipped Date', 'Shipping Date', 'Shipped At'], 1),
    ship_mode: role(['Ship Mode', 'Shipping Method', 'Shipping Mode', 'Ship Method', 'Shipping Service', 'Ship Via'], 1),
    customer_id: role(['Customer ID', 'Customer Number', 'Customer No'], 1),
    customer_name: role(['Customer Name'], 0.5),
    segment: role(['Segment', 'Customer Segment'], 0.5),
    country: role(['Country', 'Country/Region', 'Ship Country'], 0.5),
    city: role(['City', 'Ship City'], 0.5),
    state: role(['State', 'State/Province', 'Province'], 0.5),
    region: role(['Region', 'Sales Region', 'Ship Region'], 1),
    sku: role(['Product ID', 'SKU', 'Product Code', 'Item ID', 'Item Code'], 1, true),
    category: role(['Category', 'Product Category'], 1),
    sub_category: role(['Sub-Category', 'Subcategory', 'Sub Category'], 0.5),
    product_name: role(['Product Name', 'Item Name', 'Product'], 1),
    total: role(['Sales', 'Amount', 'Line Total', 'Revenue', 'Sales Amount', 'Line Amount', 'Total Sales', 'Net Sales'], 1.5, true),
    quantity: role(['Quantity', 'Qty', 'Units', 'Quantity Ordered'], 1, true),
    discount: role(['Discount'], 0.5),
    profit: role(['Profit'], 0.5),
  },
  build(s, m) {
    const notes: string[] = [];
    const questions: Question[] = [];
    const order = m.order_id!;
    const qty = numberFor(s, m.quantity);
    const totalFormat = numberFor(s, m.total);
    const check = checkLineTotal(s, { sku: m.sku!, quantity: m.quantity!, total: m.total!, discount: m.discount }, { quantity: qty, total: totalFormat });
    const total: ValueSource = { column: m.total!, transform: totalFormat };
    const quantity: ValueSource = { column: m.quantity!, transform: qty };
    const unitPrice: ValueSource = check.verdict === 'unit_price' ? total : { divide: [total, quantity] };
    notes.push(
      check.verdict === 'line_total'
        ? `"${m.total}" is a line total: ${check.asTotal} of ${check.compared} products sold in different quantities in the sample cost the same per unit once divided. Unit price = "${m.total}" ÷ "${m.quantity}"${m.discount ? ` (the price paid, after "${m.discount}")` : ''}.`
        : check.verdict === 'unit_price'
          ? `"${m.total}" reads as a unit price, not a line total: the same product costs the same in the sample whatever the quantity, so it is taken as the unit price as it is.`
          : `Unit price = "${m.total}" ÷ "${m.quantity}" (taken as a line total from its name: no product sold twice in different quantities in the sample to confirm it).`,
    );
    const shipped = m.ship_date ? [m.ship_date] : [];
    const lineId: ValueSource = m.row_id
      ? { column: m.row_id }
      : { concat: [m.sku!], separator: '', numberRepeats: { within: [order] } };
    const lineColumns: TargetSpec['columns'] = {
      order_id: { column: order }, line_id: lineId, sku: { column: m.sku! }, quantity, unit_price: unitPrice,
    };
    if (m.customer_id) lineColumns.customer_id = { column: m.customer_id };
    const countries = m.country ? new Set(column(s, m.country).map((v) => v.trim()).filter(Boolean)) : new Set<string>();
    if (m.region) {
      lineColumns.region = { column: m.region };
      notes.push(`Region = "${m.region}"${m.country ? ` (not "${m.country}"${countries.size === 1 ? `, which holds one value, ${[...countries][0]}, on every sampled row` : ''})` : ''}.`);
    } else if (m.country) lineColumns.region = { column: m.country };
    const targets: TargetSpec[] = [
      { table: 'order_lines', columns: lineColumns },
      {
        table: 'products',
        columns: {
          sku: { column: m.sku! },
          ...(m.product_name ? { product_name: { column: m.product_name } } : {}),
          ...(m.category ?? m.sub_category ? { category: { column: (m.category ?? m.sub_category)! } } : {}),
        },
        duplicates: 'first',
      },
    ];
    // A ship mode naming a carrier is the carrier; any other (Standard Class, Same Day ...) the service level.
    if (m.ship_date || m.ship_mode) {
      targets.push({
        table: 'shipments',
        columns: { order_id: { column: order }, ...(m.ship_mode ? shipModeColumns(m.ship_mode) : {}) },
        duplicates: 'first',
      });
    }
    const date = dateFor(
      s, [m.order_date!, ...shipped],
      [{ target: 0, column: 'order_date' }, ...(m.ship_date ? [{ target: 2, column: 'shipped_at' }] : [])],
      notes, questions,
    );
    lineColumns.order_date = { column: m.order_date!, transform: date };
    if (m.ship_date) targets[2]!.columns.shipped_at = { column: m.ship_date, transform: date };
    notes.push(
      `Order lines: order_id = "${order}"; line_id = ${m.row_id ? `"${m.row_id}"` : `the product id, numbered #2, #3 ... when it repeats in the order`}; sku = "${m.sku}"${m.customer_id ? `; customer = "${m.customer_id}"` : ''}.`,
      `Products: one per "${m.sku}" (its first row)${m.category ?? m.sub_category ? `, category = "${m.category ?? m.sub_category}"` : ''}; later rows of the same product are merged into it (repeats), not rejected.`,
      ...(targets[2]
        ? [`Shipments: one per order (its first row)${m.ship_date ? `, shipped at "${m.ship_date}"` : ''}${m.ship_mode ? `; "${m.ship_mode}" is the service level, unless it names a carrier (UPS, FedEx, DHL ...), which becomes the carrier` : ''}; later rows of the same order are merged into it.`]
        : []),
      ...(m.profit ? [`"${m.profit}" is not loaded (the cost per unit is not in the export).`] : []),
    );
    const mapping: MappingSpec = {
      version: MAPPING_VERSION, name: FLAT_SALES.label, preset: FLAT_SALES.id,
      source: sourceOf(s),
      routing: 'each',
      targets,
      notes,
    };
    return { mapping, questions, notes };
  },
};
