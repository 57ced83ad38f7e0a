-- import_macros: the value readers of the import engine (src/loader/import). A mapping says
-- how each cell is read (date format, decimal and thousands separators, currency strings,
-- sign, true/false words, null words); these macros do the reading. Every format, separator
-- and word list arrives as a bound parameter, never spliced into the SQL text. They are TEMP
-- macros, created at the start of each import (temp objects are found whatever the
-- search_path, which a mapping preview points at its own schema).
-- Lists (null words, true/false words) are one text with the items joined by chr(31).

-- Whitespace trimmed: ASCII spaces, tabs and line breaks, and the Unicode spaces exports carry
-- around keys (no-break U+00A0, U+1680, U+2000-U+200A, narrow no-break U+202F, U+205F,
-- ideographic U+3000, zero-width no-break / BOM U+FEFF). Every cell of every file is staged
-- through this once, so a key reads the same on every path and both sides of a join.
CREATE OR REPLACE TEMP MACRO imp_trim(v) AS
  regexp_replace(v, '^[\s\x{00A0}\x{1680}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}\x{FEFF}]+|[\s\x{00A0}\x{1680}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}\x{FEFF}]+$', '', 'g');

-- A line id as a key: numeric spellings of one number are one id ("02", "2.0", "+2" -> "2"),
-- so a return naming its line "2.0" finds order line "2". Other ids are kept as they are.
CREATE OR REPLACE TEMP MACRO imp_line_id(v) AS
  -- (Only a text starting with 0 or + or holding a point can be another spelling: cheap test first.)
  CASE WHEN (starts_with(v, '0') OR starts_with(v, '+') OR contains(v, '.')) AND regexp_full_match(v, '\+?[0-9]+(\.0*)?')
    THEN coalesce(nullif(ltrim(regexp_extract(v, '[0-9]+'), '0'), ''), '0')
    ELSE v END;

-- A trimmed cell as the mapping sees it: NULL when empty or one of the file's null words.
CREATE OR REPLACE TEMP MACRO imp_null(v, nulls) AS
  CASE WHEN v = '' OR (nulls <> '' AND list_contains(string_split(nulls, chr(31)), v)) THEN NULL ELSE v END;

-- Both steps at once (for one-off use; the engine trims all cells in one pass, then nulls).
CREATE OR REPLACE TEMP MACRO imp_cell(v, nulls) AS imp_null(imp_trim(v), nulls);

-- No-break and narrow no-break spaces as plain spaces.
CREATE OR REPLACE TEMP MACRO imp_nbsp(v) AS
  regexp_replace(v, '[\x{00A0}\x{202F}]', ' ', 'g');

-- Accounting negatives: "(12.50)" is "-12.50".
CREATE OR REPLACE TEMP MACRO imp_paren(x) AS
  CASE WHEN regexp_full_match(x, '\(.*\)') THEN '-' || imp_trim(x[2:-2]) ELSE x END;

-- Number text with currency symbols and codes removed ("$1,234.50", "EUR 12", "12,50 €")
-- and accounting negatives turned into a minus sign, when cur is true.
CREATE OR REPLACE TEMP MACRO imp_num_text(v, cur) AS
  CASE WHEN cur
    THEN imp_paren(imp_trim(regexp_replace(regexp_replace(imp_nbsp(v), '[$€£¥₹]', '', 'g'),
                                           '^[A-Za-z]{3}\s*|\s*[A-Za-z]{3}$', '', 'g')))
    ELSE imp_nbsp(v)
  END;

-- True when the text is a number written with these separators: digits grouped by three
-- when a thousands separator is set ("1.234,5" with '.' and ','), a lone decimal part allowed,
-- and a decimal exponent ("1.5e3", "1e-07": how Parquet and JSON doubles are written). Hex,
-- NaN, Infinity and other words are not numbers here. One pattern per notation, written out:
-- a constant pattern is compiled once, a pattern built from the arguments once per row.
-- A notation not listed reads nothing (NULL).
CREATE OR REPLACE TEMP MACRO imp_num_ok(s, decsep, thousep) AS
  CASE
    WHEN decsep = '.' AND thousep = '' THEN regexp_full_match(s, '[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?')
    WHEN decsep = '.' AND thousep = ',' THEN regexp_full_match(s, '[+-]?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)([eE][+-]?\d+)?')
    WHEN decsep = '.' AND thousep = ' ' THEN regexp_full_match(s, '[+-]?((\d{1,3}( \d{3})+|\d+)(\.\d*)?|\.\d+)([eE][+-]?\d+)?')
    WHEN decsep = '.' AND thousep = '''' THEN regexp_full_match(s, '[+-]?((\d{1,3}(''\d{3})+|\d+)(\.\d*)?|\.\d+)([eE][+-]?\d+)?')
    WHEN decsep = ',' AND thousep = '' THEN regexp_full_match(s, '[+-]?(\d+(,\d*)?|,\d+)([eE][+-]?\d+)?')
    WHEN decsep = ',' AND thousep = '.' THEN regexp_full_match(s, '[+-]?((\d{1,3}(\.\d{3})+|\d+)(,\d*)?|,\d+)([eE][+-]?\d+)?')
    WHEN decsep = ',' AND thousep = ' ' THEN regexp_full_match(s, '[+-]?((\d{1,3}( \d{3})+|\d+)(,\d*)?|,\d+)([eE][+-]?\d+)?')
    WHEN decsep = ',' AND thousep = '''' THEN regexp_full_match(s, '[+-]?((\d{1,3}(''\d{3})+|\d+)(,\d*)?|,\d+)([eE][+-]?\d+)?')
  END;

-- True when the text is a whole number as written: digits (grouped by three with a thousands
-- separator), optionally followed by a decimal part of zeros ("2", "2.0", "1,200"); no
-- exponent. "2.5", "0.4", "1e2" and "0x10" are not whole numbers: they are refused, never
-- rounded.
CREATE OR REPLACE TEMP MACRO imp_whole_ok(s, decsep, thousep) AS
  CASE
    WHEN decsep = '.' AND thousep = '' THEN regexp_full_match(s, '[+-]?\d+(\.0*)?')
    WHEN decsep = '.' AND thousep = ',' THEN regexp_full_match(s, '[+-]?(\d{1,3}(,\d{3})+|\d+)(\.0*)?')
    WHEN decsep = '.' AND thousep = ' ' THEN regexp_full_match(s, '[+-]?(\d{1,3}( \d{3})+|\d+)(\.0*)?')
    WHEN decsep = '.' AND thousep = '''' THEN regexp_full_match(s, '[+-]?(\d{1,3}(''\d{3})+|\d+)(\.0*)?')
    WHEN decsep = ',' AND thousep = '' THEN regexp_full_match(s, '[+-]?\d+(,0*)?')
    WHEN decsep = ',' AND thousep = '.' THEN regexp_full_match(s, '[+-]?(\d{1,3}(\.\d{3})+|\d+)(,0*)?')
    WHEN decsep = ',' AND thousep = ' ' THEN regexp_full_match(s, '[+-]?(\d{1,3}( \d{3})+|\d+)(,0*)?')
    WHEN decsep = ',' AND thousep = '''' THEN regexp_full_match(s, '[+-]?(\d{1,3}(''\d{3})+|\d+)(,0*)?')
  END;

CREATE OR REPLACE TEMP MACRO imp_sign(n, sgn) AS
  CASE sgn WHEN 'negate' THEN -n WHEN 'abs' THEN abs(n) ELSE n END;

-- The number, or NULL when the text is not one or it is not finite (1e999 overflows).
CREATE OR REPLACE TEMP MACRO imp_num_value(s, decsep, thousep, sgn) AS
  CASE WHEN imp_num_ok(s, decsep, thousep) THEN imp_sign(TRY_CAST(replace(replace(s, thousep, ''), decsep, '.') AS DOUBLE), sgn) END;

CREATE OR REPLACE TEMP MACRO imp_finite(x) AS CASE WHEN isfinite(x) THEN x END;

CREATE OR REPLACE TEMP MACRO imp_num_parse(s, decsep, thousep, sgn) AS
  imp_finite(imp_num_value(s, decsep, thousep, sgn));

-- A number: NULL when the text is not a number in this notation. sgn: keep, negate or abs.
CREATE OR REPLACE TEMP MACRO imp_number(v, decsep, thousep, cur, sgn) AS
  imp_num_parse(imp_num_text(v, cur), decsep, thousep, sgn);

-- A whole number that fits INTEGER; NULL otherwise (2.5 is not silently rounded).
CREATE OR REPLACE TEMP MACRO imp_int(x) AS
  CASE WHEN x = trunc(x) AND abs(x) <= 2147483647 THEN CAST(x AS INTEGER) END;

-- A whole-number cell read with the mapping's notation: NULL unless it is written as one
-- (imp_whole_ok) and fits INTEGER.
CREATE OR REPLACE TEMP MACRO imp_whole(v, decsep, thousep, cur, sgn) AS
  CASE WHEN imp_whole_ok(imp_num_text(v, cur), decsep, thousep)
    THEN imp_int(imp_number(v, decsep, thousep, cur, sgn)) END;

-- Minutes east of UTC of an offset text (Z, UTC, GMT, +02:00, +0200, -05; '' = none).
CREATE OR REPLACE TEMP MACRO imp_off_min(o) AS
  CASE WHEN o IN ('', 'Z', 'z', 'UTC', 'GMT') THEN 0
       ELSE (CASE WHEN o[1] = '-' THEN -1 ELSE 1 END)
            * (CAST(o[2:3] AS INTEGER) * 60 + coalesce(TRY_CAST(nullif(replace(o, ':', '')[4:5], '') AS INTEGER), 0))
  END;

-- An ISO 8601 date or date-time (the same pattern as ISO_PATTERN in src/loader/import/dates.ts).
CREATE OR REPLACE TEMP MACRO imp_iso_ok(b) AS
  regexp_full_match(b, '^\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$');

CREATE OR REPLACE TEMP MACRO imp_parse_ts(b, fmt) AS
  CASE WHEN fmt = 'iso'
    THEN CASE WHEN imp_iso_ok(b) THEN TRY_CAST(b AS TIMESTAMP) END
    ELSE try_strptime(b, fmt)
  END;

-- A real calendar date in a plausible range: years outside 1900-2200 are refused (a 2-digit
-- year read with %Y would be year 16; "year 1" and "infinity" are not order dates).
CREATE OR REPLACE TEMP MACRO imp_year_ok(t) AS
  CASE WHEN isfinite(t) AND year(t) BETWEEN 1900 AND 2200 THEN t END;

-- A timestamp. fmt is 'iso' or a strptime format without %z; has_off: the format allows a
-- trailing UTC offset (OFFSET_PATTERN in src/loader/import/dates.ts: group 1 the time of day,
-- group 4 the offset), which is dropped (the wall-clock time as written) or applied
-- (utc = true). Date words (epoch, infinity, today) are not ISO dates, so they never read.
CREATE OR REPLACE TEMP MACRO imp_ts(v, fmt, has_off, utc) AS
  imp_year_ok(
    CASE WHEN has_off AND utc
      THEN imp_parse_ts(regexp_replace(v, '(\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?)\s*(Z|z|UTC|GMT|[+-]\d{2}(:?\d{2})?)$', '\1'), fmt)
           - to_minutes(CAST(imp_off_min(coalesce(regexp_extract(v, '(\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?)\s*(Z|z|UTC|GMT|[+-]\d{2}(:?\d{2})?)$', 4), '')) AS BIGINT))
      WHEN has_off THEN imp_parse_ts(regexp_replace(v, '(\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?)\s*(Z|z|UTC|GMT|[+-]\d{2}(:?\d{2})?)$', '\1'), fmt)
      ELSE imp_parse_ts(v, fmt)
    END);

-- true / false from the mapping's words (case-insensitive); NULL for any other word.
CREATE OR REPLACE TEMP MACRO imp_bool(v, trues, falses) AS
  CASE
    WHEN list_contains(string_split(lower(trues), chr(31)), lower(v)) THEN true
    WHEN list_contains(string_split(lower(falses), chr(31)), lower(v)) THEN false
  END;
