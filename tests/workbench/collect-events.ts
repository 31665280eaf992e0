import { randomUUID } from 'node:crypto';
import type { QueryEvent, RunQueryRequest } from '../../main/core/api/index.ts';
import type { Workbench } from '../../main/core/workbench.ts';

/** Starts a query with `start` and gathers the events of `queryId` until `finished`. */
export async function collectEvents(
  workbench: Workbench,
  queryId: string,
  start: () => Promise<unknown>,
  onEvent?: (e: QueryEvent) => void,
  onStarted?: (queryId: string) => void,
): Promise<QueryEvent[]> {
  const events: QueryEvent[] = [];
  const finished = new Promise<void>((resolve) => {
    const off = workbench.onQueryEvent((event) => {
      if (event.queryId !== queryId) return;
      events.push(event);
      onEvent?.(event);
      if (event.kind === 'finished') {
        off();
        resolve();
      }
    });
  });
  await start();
  onStarted?.(queryId);
  await finished;
  return events;
}

/** Runs a query through the contract and gathers its events until `finished`. */
export async function runAndCollect(
  workbench: Workbench,
  request: Omit<RunQueryRequest, 'queryId'>,
  onEvent?: (e: QueryEvent) => void,
  onStarted?: (queryId: string) => void,
): Promise<{ queryId: string; events: QueryEvent[] }> {
  const queryId = randomUUID();
  const events = await collectEvents(workbench, queryId, () => workbench.runQuery({ ...request, queryId }), onEvent, onStarted);
  return { queryId, events };
}
