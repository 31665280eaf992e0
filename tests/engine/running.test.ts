// Streaming, cancel and the time limit. A cancelled stream ends with an empty chunk inside
// DuckDB: the engine must still say `cancelled`, never end as if the result were complete.
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../main/core/api/index.ts';
import type { Engine } from '../../main/core/engine/engine.ts';
import { useFixtureEngine, NEW_PESSOAS, rowsOf, runAll } from './fixture.ts';

let engine: Engine;
useFixtureEngine((opened) => ({ engine } = opened));

function detailOf(error: unknown): WorkbenchError['detail'] {
  if (error instanceof WorkbenchError) return error.detail;
  throw error;
}

async function drain(queryId: string, sql: string, timeoutMs?: number): Promise<void> {
  for await (const statement of engine.execute({ sql, queryId, timeoutMs })) {
    for await (const _chunk of statement.chunks) void _chunk;
  }
}

const RUNAWAY = 'select count(*) from range(10000000000)';

describe('streaming', () => {
  it('yields each statement with its columns and rows', async () => {
    const results = await runAll(engine, { sql: 'select pessoa_id, nome from pessoa order by 1; select 1 as um, 2 as dois' });
    expect(results.map((result) => result.statementIndex)).toEqual([0, 1]);
    expect(results[0]?.columns).toEqual(['pessoa_id', 'nome']);
    expect(results[0]?.rows).toHaveLength(NEW_PESSOAS);
    expect(results[1]?.rows).toEqual([[1, 2]]);
  });

  it('gives DuckDB types for the columns', async () => {
    for await (const statement of engine.execute({ sql: 'select pessoa_id, data_nascimento, 1.5::DECIMAL(10,2) as d from pessoa', queryId: 'types' })) {
      expect(statement.columns.map((column) => column.type.toString())).toEqual(['BIGINT', 'DATE', 'DECIMAL(10,2)']);
      await statement.chunks.return(undefined);
    }
  });

  it('streams: the first chunk of an endless result arrives, and returning stops it', async () => {
    for await (const statement of engine.execute({ sql: 'select range from range(10000000000)', queryId: 'endless' })) {
      const first = await statement.chunks.next();
      expect(first.done).toBe(false);
      expect(first.value?.rowCount).toBeGreaterThan(0);
      await statement.chunks.return(undefined);
    }
    expect(await rowsOf(engine, 'select count(*) from pessoa')).toEqual([[NEW_PESSOAS]]);
  });

  it('closes an undrained stream before the next statement', async () => {
    const counts: number[] = [];
    for await (const statement of engine.execute({
      sql: 'select range from range(1000000); select count(*) as n from pessoa',
      queryId: 'undrained',
    })) {
      const first = await statement.chunks.next();
      counts.push(first.value?.rowCount ?? 0);
    }
    expect(counts[1]).toBe(1);
  });
});

describe('cancel and time limit', () => {
  it('cancels a runaway query once DuckDB runs it, and the next query runs', async () => {
    const running = drain('runaway', RUNAWAY);
    // Cancel once DuckDB is executing it (its connection attached), not at a guessed moment.
    await expect.poll(() => engine.isExecuting('runaway')).toBe(true);
    expect(engine.cancel('runaway')).toBe(true);
    // The query would run for hours: ending at all, as cancelled, is the proof (no wall-clock bound).
    const error = await running.then(
      () => undefined,
      (reason: unknown) => detailOf(reason),
    );
    expect(error?.code).toBe('cancelled');
    expect(error?.message).toBe('A consulta foi cancelada.');
    expect(engine.cancel('runaway')).toBe(false);
    expect(await rowsOf(engine, 'select count(*) from pessoa')).toEqual([[NEW_PESSOAS]]);
  });

  it('a large stream cancelled mid-way throws cancelled instead of ending quietly', async () => {
    let rows = 0;
    let chunks = 0;
    const outcome = await (async () => {
      for await (const statement of engine.execute({ sql: 'select range, range * 2 from range(100000000)', queryId: 'mid' })) {
        for await (const chunk of statement.chunks) {
          rows += chunk.rowCount;
          chunks += 1;
          if (chunks === 3) engine.cancel('mid');
        }
      }
      return undefined;
    })().catch((reason: unknown) => detailOf(reason));
    expect(outcome?.code).toBe('cancelled');
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(100000000);
    expect(await rowsOf(engine, 'select 42')).toEqual([[42]]);
  });

  it('cancelling before the query starts running stops it too', async () => {
    const generator = engine.execute({ sql: RUNAWAY, queryId: 'early' });
    const first = generator.next();
    expect(engine.cancel('early')).toBe(true);
    await expect(first).rejects.toMatchObject({ detail: { code: 'cancelled' } });
  });

  it('a time limit interrupts with timeout', async () => {
    const error = await drain('slow', RUNAWAY, 200).then(
      () => undefined,
      (reason: unknown) => detailOf(reason),
    );
    expect(error?.code).toBe('timeout');
    expect(error?.message).toContain('200 ms');
    expect(await rowsOf(engine, 'select 7')).toEqual([[7]]);
  });

  it('a time limit also stops a stream mid-way', async () => {
    const error = await (async () => {
      for await (const statement of engine.execute({ sql: 'select range from range(10000000000)', queryId: 'slow-stream', timeoutMs: 200 })) {
        for await (const _chunk of statement.chunks) void _chunk;
      }
    })().then(
      () => undefined,
      (reason: unknown) => detailOf(reason),
    );
    expect(error?.code).toBe('timeout');
  });

  it('cancel of an unknown query answers false; a query id in use is refused', async () => {
    expect(engine.cancel('nenhuma')).toBe(false);
    const first = engine.execute({ sql: 'select range from range(10)', queryId: 'dup' });
    const firstStatement = await first.next();
    await expect(engine.execute({ sql: 'select 1', queryId: 'dup' }).next()).rejects.toBeInstanceOf(WorkbenchError);
    await firstStatement.value?.chunks.return(undefined);
    await first.return(undefined);
  });

  it('an unknown snapshot is not_found', async () => {
    await expect(engine.execute({ sql: 'select 1', queryId: 'nf', snapshot: '2020-01-01' }).next()).rejects.toMatchObject({
      detail: { code: 'not_found' },
    });
  });
});
