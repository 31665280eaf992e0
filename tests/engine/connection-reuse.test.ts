import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Engine } from '../../main/core/engine/engine.ts';

let engine: Engine;

beforeAll(async () => {
  engine = await Engine.open({ dataDir: inject('sampleRegistryDir') });
});

afterAll(async () => {
  await engine?.close();
});

async function referenceDate(snapshot: string): Promise<string> {
  for await (const statement of engine.execute({ sql: 'select data_referencia()::VARCHAR', snapshot, queryId: randomUUID() })) {
    for await (const chunk of statement.chunks) return String(chunk.getColumnVector(0).getItem(0));
  }
  throw new Error('no rows');
}

describe('reused query connections', () => {
  it('keep each query on its own snapshot, however the snapshots alternate', async () => {
    const [older, newer] = engine.snapshots().map((s) => s.date) as [string, string];
    const asked = [older, newer, older, older, newer, newer, older, newer, older];
    const answered: string[] = [];
    for (const date of asked) answered.push(await referenceDate(date));
    expect(answered).toEqual(asked);
  });

  it('are not reused after a cancelled query, and the next query still answers', async () => {
    const queryId = randomUUID();
    const run = (async () => {
      for await (const statement of engine.execute({ sql: 'select count(*) from range(10000000000)', queryId })) {
        for await (const _chunk of statement.chunks) void _chunk;
      }
    })();
    setTimeout(() => engine.cancel(queryId), 100);
    await expect(run).rejects.toMatchObject({ detail: { code: 'cancelled' } });
    expect(await referenceDate(engine.defaultSnapshot())).toBe(engine.defaultSnapshot());
  });
});
