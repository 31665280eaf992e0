// json_serialize_sql's output read as JSON even when a literal past DOUBLE's range makes it
// write a bare Infinity or NaN; every real JSON text reads exactly as JSON.parse reads it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSerializedJson } from '../../main/core/privacy/serialized-json.ts';

describe('the serialised syntax tree', () => {
  it('reads bare non-finite numbers as null, and leaves the same words inside strings alone', () => {
    expect(parseSerializedJson('{"a":Infinity,"b":[-Infinity,NaN],"c":"Infinity \\" NaN","d":-1}')).toEqual({ a: null, b: [null, null], c: 'Infinity " NaN', d: -1 });
    expect(parseSerializedJson('["\\\\",Infinity]')).toEqual(['\\', null]);
  });

  it('reads any JSON text as JSON.parse does', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const text = JSON.stringify(value);
      expect(parseSerializedJson(text)).toEqual(JSON.parse(text));
    }), { numRuns: 500 });
  });
});
