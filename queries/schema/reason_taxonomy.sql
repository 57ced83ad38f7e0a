-- reason_taxonomy: the canonical return reasons and who is at fault for each.
-- Kept as data so an analyst can change a fault assignment without touching code.
-- fault: supplier (product made wrong), merchant (listing, picking, pricing),
--        carrier (transport), customer (preference), unknown.
CREATE OR REPLACE TABLE reason_taxonomy AS
SELECT * FROM (VALUES
  ('size_too_small',     'customer', 'Size too small',      'Fit: item smaller than expected'),
  ('size_too_large',     'customer', 'Size too large',      'Fit: item larger than expected'),
  ('damaged_in_transit', 'carrier',  'Damaged in transit',  'Arrived damaged: packaging or handling on the way'),
  ('defective',          'supplier', 'Defective',           'Does not work or broke in normal use'),
  ('not_as_described',   'merchant', 'Not as described',    'Differs from the listing (photos, description, materials)'),
  ('wrong_item',         'merchant', 'Wrong item sent',     'Picking or labelling error'),
  ('missing_parts',      'supplier', 'Missing parts',       'Incomplete: parts or accessories missing'),
  ('late_delivery',      'carrier',  'Arrived too late',    'Delivered after it was needed or promised'),
  ('changed_mind',       'customer', 'Changed mind',        'No longer wanted'),
  ('better_price',       'customer', 'Better price found',  'Found cheaper elsewhere'),
  ('other',              'unknown',  'Other',               'A reason given that fits no category'),
  ('unknown',            'unknown',  'Unknown',             'No reason given or the raw reason is not mapped')
) AS t(reason, fault, label, description);
