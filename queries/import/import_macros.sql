-- import_macros: the value readers of the import engine (src/loader/import). A mapping says
-- how each cell is read (date format, decimal and thousands separators, currency strings,
-- sign, true/false words, null words); these macros do the reading. Every format, separator
-- and word list arrives as a bound parameter, never spliced into the SQL text. They are TEMP
-- macros, created at the start of each import (temp objects are found whatever the
-- search_path, which the batch loader points at its shadow schema).
-- Lists (null words, true/false words) are one text with the items joined by chr(31).

-- Whitespace trimmed: spaces, tabs, line breaks and no-break spaces.
CREATE OR REPLACE TEMP MACRO imp_trim(v) AS
  trim(v, ' ' || chr(9) || chr(10) || chr(13) || chr(160));

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
-- when a thousands separator is set ("1.234,5" with '.' and ','), a lone decimal part allowed.
CREATE OR REPLACE TEMP MACRO imp_num_ok(s, decsep, thousep) AS
  CASE WHEN thousep = ''
    THEN regexp_full_match(s, '[+-]?(\d+(' || regexp_escape(decsep) || '\d*)?|' || regexp_escape(decsep) || '\d+)')
    ELSE regexp_full_match(s, '[+-]?((\d{1,3}(' || regexp_escape(thousep) || '\d{3})+|\d+)(' || regexp_escape(decsep) || '\d*)?|'
                              || regexp_escape(decsep) || '\d+)')
  END;

CREATE OR REPLACE TEMP MACRO imp_sign(n, sgn) AS
  CASE sgn WHEN 'negate' THEN -n WHEN 'abs' THEN abs(n) ELSE n END;

CREATE OR REPLACE TEMP MACRO imp_num_parse(s, decsep, thousep, sgn) AS
  CASE WHEN imp_num_ok(s, decsep, thousep) THEN imp_sign(CAST(replace(replace(s, thousep, ''), decsep, '.') AS DOUBLE), sgn) END;

-- A number: NULL when the text is not a number in this notation. sgn: keep, negate or abs.
CREATE OR REPLACE TEMP MACRO imp_number(v, decsep, thousep, cur, sgn) AS
  imp_num_parse(imp_num_text(v, cur), decsep, thousep, sgn);

-- A whole number that fits INTEGER; NULL otherwise (2.5 is not silently rounded).
CREATE OR REPLACE TEMP MACRO imp_int(x) AS
  CASE WHEN x = trunc(x) AND abs(x) <= 2147483647 THEN CAST(x AS INTEGER) END;

-- Minutes east of UTC of an offset text (Z, UTC, GMT, +02:00, +0200, -05; '' = none).
CREATE OR REPLACE TEMP MACRO imp_off_min(o) AS
  CASE WHEN o IN ('', 'Z', 'z', 'UTC', 'GMT') THEN 0
       ELSE (CASE WHEN o[1] = '-' THEN -1 ELSE 1 END)
            * (CAST(o[2:3] AS INTEGER) * 60 + coalesce(TRY_CAST(nullif(replace(o, ':', '')[4:5], '') AS INTEGER), 0))
  END;

CREATE OR REPLACE TEMP MACRO imp_parse_ts(b, fmt, iso_re) AS
  CASE WHEN fmt = 'iso'
    THEN CASE WHEN regexp_full_match(b, iso_re) THEN TRY_CAST(b AS TIMESTAMP) END
    ELSE try_strptime(b, fmt)
  END;

CREATE OR REPLACE TEMP MACRO imp_year_ok(t) AS
  CASE WHEN year(t) BETWEEN 1900 AND 2200 THEN t END;

-- A timestamp. fmt is 'iso' or a strptime format without %z; has_off: the format allows a
-- trailing UTC offset (matched by off_re), which is dropped (the wall-clock time as written)
-- or applied (utc = true). Years outside 1900-2200 are refused (a 2-digit year read with %Y
-- would be year 16).
CREATE OR REPLACE TEMP MACRO imp_ts(v, fmt, has_off, utc, iso_re, off_re) AS
  imp_year_ok(
    CASE WHEN has_off AND utc
      THEN imp_parse_ts(regexp_replace(v, off_re, '\1'), fmt, iso_re)
           - to_minutes(CAST(imp_off_min(coalesce(regexp_extract(v, off_re, 4), '')) AS BIGINT))
      WHEN has_off THEN imp_parse_ts(regexp_replace(v, off_re, '\1'), fmt, iso_re)
      ELSE imp_parse_ts(v, fmt, iso_re)
    END);

-- true / false from the mapping's words (case-insensitive); NULL for any other word.
CREATE OR REPLACE TEMP MACRO imp_bool(v, trues, falses) AS
  CASE
    WHEN list_contains(string_split(lower(trues), chr(31)), lower(v)) THEN true
    WHEN list_contains(string_split(lower(falses), chr(31)), lower(v)) THEN false
  END;
