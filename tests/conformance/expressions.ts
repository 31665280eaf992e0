// The expressions of the conformance suite: every DuckDB type family, at its edges and at
// values spread over its range, each a SQL expression whose `::VARCHAR` DuckDB itself prints.
// Deterministic (a fixed sequence, no randomness): a failure names the same expression twice.

export interface Expression {
  /** The type family, as the failure message says it. */
  family: string;
  sql: string;
}

/** A small deterministic sequence in [0, 1): the same numbers on every machine. */
function* sequence(seed: number): Generator<number> {
  let state = seed >>> 0;
  for (;;) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    yield state / 2 ** 32;
  }
}

function take(count: number, seed: number): number[] {
  const out: number[] = [];
  const numbers = sequence(seed);
  for (let i = 0; i < count; i++) out.push(numbers.next().value as number);
  return out;
}

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

function integers(): Expression[] {
  const ranges: [string, bigint, bigint][] = [
    ['TINYINT', -128n, 127n], ['SMALLINT', -32768n, 32767n], ['INTEGER', -2147483648n, 2147483647n],
    ['BIGINT', -9223372036854775808n, 9223372036854775807n],
    ['HUGEINT', -170141183460469231731687303715884105728n, 170141183460469231731687303715884105727n],
    ['UTINYINT', 0n, 255n], ['USMALLINT', 0n, 65535n], ['UINTEGER', 0n, 4294967295n], ['UBIGINT', 0n, 18446744073709551615n],
    ['UHUGEINT', 0n, 340282366920938463463374607431768211455n],
  ];
  return ranges.flatMap(([type, min, max], t) => {
    const spread = take(8, 11 + t).map((f) => min + ((max - min) * BigInt(Math.floor(f * 1e6))) / 1000000n);
    const values = [min, max, 0n, 1n, ...(min < 0n ? [-1n, min + 1n] : [max - 1n]), ...spread];
    return values.map((v) => ({ family: type, sql: `${quote(String(v))}::${type}` }));
  });
}

function floats(): Expression[] {
  const special = ['0', '-0.0', '1', '-1', '0.1', '0.2', '0.3', '1e-300', '5e-324', '2.2250738585072014e-308', '1.7976931348623157e308',
    '1e15', '1e16', '1e17', '1e21', '1e22', '123456.789', '-987654321.123', '3.141592653589793', '2.718281828459045',
    'nan', '-nan', 'inf', '-inf', '9007199254740993', '0.000001', '0.0000001', '1.5e-7', '4.35', '100', '1e100', '-1e-100'];
  const spread = take(60, 29).map((f, i) => String((i % 2 ? -1 : 1) * 10 ** ((i % 40) - 20) * (1 + f)));
  const doubles = [...special, ...spread].map((v) => ({ family: 'DOUBLE', sql: `${quote(v)}::DOUBLE` }));
  // FLOATs of at most 6 significant digits below 2^24: past that, Mirante's shortest digits and
  // DuckDB's differ on ties (tests/format/text-of-every-value-matches-duckdb.test.ts, known differences).
  const floatValues = ['0', '-0.0', '1', '-1', '0.1', '0.5', '1.5', '123.456', '-98765.4', '1e-10', '3.40282e38', '1e-38',
    'nan', '-nan', 'inf', '-inf', ...take(24, 31).map((f, i) => (Math.round(f * 999999) / 10 ** (i % 7)).toString())];
  return [...doubles, ...floatValues.map((v) => ({ family: 'FLOAT', sql: `${quote(v)}::FLOAT` }))];
}

function decimals(): Expression[] {
  const digits = '98765432109876543210987654321098765432';
  const out: Expression[] = [];
  for (let width = 1; width <= 38; width++) {
    for (const scale of new Set([0, Math.floor(width / 2), width])) {
      const body = digits.slice(0, width);
      const text = scale === 0 ? body : `${body.slice(0, width - scale) || '0'}.${body.slice(width - scale)}`;
      const type = `DECIMAL(${width},${scale})`;
      out.push({ family: 'DECIMAL', sql: `${quote(text)}::${type}` });
      out.push({ family: 'DECIMAL', sql: `${quote(`-${text}`)}::${type}` });
      out.push({ family: 'DECIMAL', sql: `0::${type}` });
      if (scale > 0) out.push({ family: 'DECIMAL', sql: `${quote(`0.${'0'.repeat(scale - 1)}1`)}::${type}` });
    }
  }
  return out;
}

const isoDay = (days: number): string => new Date(days * 86400000).toISOString().slice(0, 10);

function dates(): Expression[] {
  const special = ['0001-01-01', '0001-12-31 (BC)', '4713-01-01 (BC)', '1582-10-04', '1582-10-15', '1900-02-28', '1900-03-01', '1969-12-31',
    '1970-01-01', '2000-02-29', '2024-02-29', '2100-03-01', '9999-12-31', '10000-01-01', '294247-01-10', 'infinity', '-infinity'];
  const spread = take(40, 37).map((f) => isoDay(Math.floor(f * 60000) - 20000));
  return [...special, ...spread].map((d) => ({ family: 'DATE', sql: `DATE ${quote(d)}` }));
}

function times(): Expression[] {
  const micros = take(25, 41).map((f) => Math.floor(f * 86400e6));
  const time = micros.map((m) => ({ family: 'TIME', sql: `TIME '00:00:00' + to_microseconds(${m})` }));
  const special = ['00:00:00', '23:59:59.999999', '24:00:00', '12:00:00.5'].map((t) => ({ family: 'TIME', sql: `TIME ${quote(t)}` }));
  const ns = ['12:34:56.123456789', '00:00:00.000000001', '23:59:59'].map((t) => ({ family: 'TIME_NS', sql: `${quote(t)}::TIME_NS` }));
  const tz = ['12:34:56+05:30', '00:00:00-03', '23:59:59.5+00', '08:00:00-12:00', '08:00:00+14'].map((t) => ({ family: 'TIMETZ', sql: `${quote(t)}::TIMETZ` }));
  return [...special, ...time, ...ns, ...tz];
}

function timestamps(): Expression[] {
  const out: Expression[] = [];
  const micros = take(30, 43).map((f) => Math.floor((f - 0.4) * 6e15));
  for (const m of micros) out.push({ family: 'TIMESTAMP', sql: `make_timestamp(${m}::BIGINT)` });
  for (const [type, family] of [['TIMESTAMP_S', 'TIMESTAMP_S'], ['TIMESTAMP_MS', 'TIMESTAMP_MS'], ['TIMESTAMP_NS', 'TIMESTAMP_NS']] as const) {
    for (const m of micros.slice(0, 15)) out.push({ family, sql: `make_timestamp(${Math.floor(m / 1e3) * 1e3 + 123}::BIGINT)::${type}` });
  }
  for (const t of ['0044-03-15 (BC) 12:00:00', '1969-12-31 23:59:59.999999', '1970-01-01 00:00:00', '2024-02-29 00:00:00.000001', 'infinity', '-infinity']) {
    out.push({ family: 'TIMESTAMP', sql: `TIMESTAMP ${quote(t)}` });
  }
  out.push({ family: 'TIMESTAMP_NS', sql: `make_timestamp_ns(1234567890123456789)` });
  // TIMESTAMPTZ: instants around São Paulo's last daylight-saving changes (2018-11-04 and
  // 2019-02-17), its local mean time before 1914, far past and future, and spread over eras.
  const instants = ['2018-11-04 02:59:59+00', '2018-11-04 03:00:00+00', '2018-11-04 03:30:00.25+00', '2019-02-17 01:59:59.999999+00',
    '2019-02-17 02:00:00+00', '2019-02-17 02:30:00+00', '2019-02-17 03:00:00+00', '1913-12-31 23:59:59+00', '1914-01-01 03:06:28+00',
    '1900-01-01 00:00:00+00', '1970-01-01 00:00:00+00', '2026-12-01 12:00:00+00', '2038-01-19 03:14:08+00', '0044-03-15 (BC) 12:00:00+00',
    '9999-12-31 23:59:59+00', 'infinity', '-infinity'];
  for (const t of instants) out.push({ family: 'TIMESTAMPTZ', sql: `TIMESTAMPTZ ${quote(t)}` });
  for (const m of take(40, 47).map((f) => Math.floor((f - 0.3) * 4e15))) out.push({ family: 'TIMESTAMPTZ', sql: `make_timestamp(${m}::BIGINT)::TIMESTAMPTZ` });
  return out;
}

function intervals(): Expression[] {
  const special = ['1 year', '-1 year', '1 month', '13 months', '-13 months', '1 day', '-1 day', '0 seconds', '1 year 1 day',
    '-0.000001 seconds', '100 hours', '1 year 2 months 3 days 04:05:06.789'];
  const spread = take(30, 53).map((f, i) => `to_months(${(i % 29) - 14}) + to_days(${(i * 7) % 11 - 5}) + to_microseconds(${Math.floor((f - 0.5) * 2e11)})`);
  // Past Arrow's nanoseconds (±2^63 ns): DuckDB's time part reaches ±2^63 µs.
  const wide = ["INTERVAL '2562047788 hours'", "INTERVAL '-2562047788 hours'", "to_microseconds(9223372036854775807)", "to_months(2147483647) + to_days(-2147483648)"];
  return [...special.map((t) => `INTERVAL ${quote(t)}`), ...spread, ...wide].map((sql) => ({ family: 'INTERVAL', sql }));
}

function texts(): Expression[] {
  const strings = ['', 'a', 'ação', 'São Paulo', "d'água", 'aspas "duplas"', 'vírgula, ponto; e|barra', 'linha\nquebrada', 'tab\there',
    'barra \\ invertida', '🇧🇷 emoji', 'ünïcödé ñ', '  espaços  ', '=1+1', '-2', '+3', '@soma', 'NULL', 'null', '{"a": 1}', '\r\n',
    'x'.repeat(300), '中文', 'ʻokina', '\u00a0nbsp'];
  const varchar = strings.map((s) => ({ family: 'VARCHAR', sql: quote(s).replace('\n', "' || chr(10) || '").replace('\t', "' || chr(9) || '").replace('\r', "' || chr(13) || '") }));
  const blobs = ["'\\xAA\\x00\\xFF'::BLOB", "'abc'::BLOB", "''::BLOB", "'\\x5C\\x27'::BLOB", "'a\\x0Ab'::BLOB", "'\\x80\\x81'::BLOB", "'~\\x7F'::BLOB"]
    .map((sql) => ({ family: 'BLOB', sql }));
  const uuids = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '123e4567-e89b-12d3-a456-426614174000',
    '7fffffff-ffff-ffff-ffff-ffffffffffff', '80000000-0000-0000-0000-000000000000'].map((u) => ({ family: 'UUID', sql: `${quote(u)}::UUID` }));
  const bits = ['0', '1', '0101', '1111111100000000', '10101010101010101'].map((b) => ({ family: 'BIT', sql: `${quote(b)}::BIT` }));
  const enums = ['a', 'São', "d'x"].map((e) => ({ family: 'ENUM', sql: `${quote(e)}::ENUM('a', 'São', 'd''x')` }));
  const json = ['{"a": [1, 2.5, null]}', '[]', '"texto"', '1e400', '{"ç": "ã"}'].map((j) => ({ family: 'JSON', sql: `${quote(j)}::JSON` }));
  const booleans = ['true', 'false', 'NULL::BOOLEAN', 'NULL', "NULL::VARCHAR"].map((sql) => ({ family: 'BOOLEAN/NULL', sql }));
  const variants = ["'texto'::VARIANT", '42::VARIANT', '1.5::VARIANT', "'nan'::DOUBLE::VARIANT", 'true::VARIANT', "DATE '2024-02-29'::VARIANT",
    "{'a': 'x, y', 'b': [1, NULL]}::VARIANT", "['s, t', 'u']::VARIANT", "[1, 2, NULL]::VARIANT", `'{"k": [1, {"m": null}]}'::JSON::VARIANT`,
    "{'v': 'texto'::VARIANT}", "['a'::VARIANT, 2::VARIANT]"].map((sql) => ({ family: 'VARIANT', sql }));
  const geometries = ["'POINT(1 2)'", "'POINT(-0.5 1e16)'", "'POINT EMPTY'", "'LINESTRING(0 0, 1 1, 2 0.25)'", "'POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))'",
    "'MULTIPOINT((1 2), (3 4))'", "'MULTILINESTRING((0 0, 1 1), (2 2, 3 3))'", "'MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))'", "'GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))'",
    "'POINT Z(1 2 3)'", "'LINESTRING M(0 0 1, 1 1 2)'", "'POINT ZM(1 2 3 4)'"].map((wkt) => ({ family: 'GEOMETRY', sql: `${wkt}::GEOMETRY` }));
  return [...varchar, ...blobs, ...uuids, ...bits, ...enums, ...json, ...booleans, ...variants, ...geometries];
}

function nested(): Expression[] {
  const sql = [
    '[1, 2, 3]', '[]::INTEGER[]', '[NULL, 1]', "['a', 'b c', '', NULL]", "['vírgula, aspas '' \"']", '[[1, 2], [], NULL, [3]]',
    '[1.5, -0.25]::DECIMAL(5,2)[]', "[DATE '2024-02-29', NULL]", "[TIMESTAMP '2020-01-01 10:00:00.5']", "[TIMESTAMPTZ '2019-02-17 02:00:00+00']",
    "['nan'::DOUBLE, 'inf'::DOUBLE, 1e16]", '[true, false, NULL]', "[INTERVAL '1 day', INTERVAL '-1 month']", "['\\xAA'::BLOB]",
    "['123e4567-e89b-12d3-a456-426614174000'::UUID]", '[1, 2, 3]::INTEGER[3]', "['a', NULL]::VARCHAR[2]", '[[1, 2], [3, 4]]::INTEGER[2][2]',
    "{'a': 1, 'b': 'x'}", "{'a': NULL, 'b': [1, 2]}", "{'com espaço': 1, 'aspas''s': 2}", "{'n': {'m': {'o': 1.5}}}",
    "{'t': TIMESTAMPTZ '2018-11-04 03:00:00+00', 'd': DATE '1900-01-01'}", "row(1, 'a')", "row(NULL, 'b c')", "[row(1, 2.5), row(3, NULL)]",
    "{'x': row(1, 2)}", "map([1, 2], ['a', 'b'])", "map(['k', 'l'], [[1], NULL])", "map([DATE '2020-01-01'], [1.5])", "map([], [])::MAP(INTEGER, INTEGER)",
    "map([1], [{'a': 'b'}])", "union_value(num := 2)::UNION(num INTEGER, str VARCHAR)", "union_value(str := 'a''b')::UNION(num INTEGER, str VARCHAR)",
    "[union_value(num := 1)::UNION(num INTEGER, str VARCHAR)]", "{'u': union_value(str := 'x')::UNION(num INTEGER, str VARCHAR)}",
    "['a'::ENUM('a', 'b')]", "[1::HUGEINT, '-170141183460469231731687303715884105728'::HUGEINT]", "['-0.0'::DOUBLE, 0.1::FLOAT]",
    "[TIME '12:00:00', TIME '24:00:00']", "['12:00:00+05:30'::TIMETZ]", "['0101'::BIT]", "[{'a': [{'b': NULL}]}]",
    "{'a': [map([1], ['x'])]}", "[[[]]]::INTEGER[][][]", "[NULL]::INTEGER[]", "[repeat('x', 50)]",
  ];
  return sql.map((s) => ({ family: 'NESTED', sql: s }));
}

export function conformanceExpressions(): Expression[] {
  return [...integers(), ...floats(), ...decimals(), ...dates(), ...times(), ...timestamps(), ...intervals(), ...texts(), ...nested()];
}
