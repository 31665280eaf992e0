// The wire format both ends share: what one side encodes, the other decodes to the same value,
// Arrow bytes untouched, exact integers kept, errors back as the core's WorkbenchError.
import { describe, expect, it } from 'vitest';
import { WORKBENCH_METHODS, WorkbenchError, type QueryEvent } from '../../main/core/api/index.ts';
import { EVENT_STREAMING_METHODS, decodeBinaryAnswer, decodeEvent, encodeAnswer, encodeEvent, isWorkbenchMethod, unwrap } from '../../main/core/api/wire.ts';

const bytes = new Uint8Array([0, 1, 2, 250, 255, 0, 7]);

describe('wire', () => {
  it('sends an answer with Arrow bytes as one binary message and gives the bytes back untouched', () => {
    const answer = encodeAnswer({ ipc: bytes, offset: 40, rowCount: 9_007_199_254_740_993n, complete: true });
    expect(answer.binary).toBe(true);
    const envelope = decodeBinaryAnswer(answer.body as Uint8Array);
    expect(envelope.ok).toBe(true);
    const result = unwrap(envelope) as { ipc: Uint8Array; offset: number; rowCount: string };
    expect([...result.ipc]).toEqual([...bytes]);
    // Exact integers travel as their digits.
    expect(result).toMatchObject({ offset: 40, rowCount: '9007199254740993', complete: true });
  });

  it('sends other answers as JSON text', () => {
    const answer = encodeAnswer({ queryId: 'q1', n: 2n });
    expect(answer).toEqual({ binary: false, body: '{"ok":true,"result":{"queryId":"q1","n":"2"}}' });
  });

  it('turns an error answer back into the WorkbenchError the core threw', () => {
    const failure = () => unwrap({ ok: false, error: { code: 'not_allowed', message: 'não', line: 2 } });
    expect(failure).toThrow(WorkbenchError);
    try {
      failure();
    } catch (error) {
      expect((error as WorkbenchError).detail).toEqual({ code: 'not_allowed', message: 'não', line: 2 });
    }
  });

  it('sends batches binary and every other event as text, and decodes both', () => {
    const batch: QueryEvent = { kind: 'batch', queryId: 'q', statementIndex: 1, ipc: bytes, rowsSoFar: 3 };
    const encoded = encodeEvent(batch);
    expect(encoded).toBeInstanceOf(Uint8Array);
    const decoded = decodeEvent(encoded) as Extract<QueryEvent, { kind: 'batch' }>;
    expect({ ...decoded, ipc: [...decoded.ipc] }).toEqual({ ...batch, ipc: [...bytes] });
    const done: QueryEvent = { kind: 'done', queryId: 'q', statementIndex: 0, rowCount: 3, elapsedMs: 1.5 };
    expect(typeof encodeEvent(done)).toBe('string');
    expect(decodeEvent(encodeEvent(done))).toEqual(done);
  });

  it('knows the methods, and which ones report on the event stream', () => {
    expect(isWorkbenchMethod('runQuery')).toBe(true);
    expect(isWorkbenchMethod('constructor')).toBe(false);
    expect(isWorkbenchMethod('__proto__')).toBe(false);
    for (const method of EVENT_STREAMING_METHODS) expect(WORKBENCH_METHODS).toContain(method);
  });
});
