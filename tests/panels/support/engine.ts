// One query session (engine, role, audit, runner) over a miniature registry per describe
// block, closed and removed afterwards.
import type { Engine } from '../../../main/core/engine/engine.ts';
import { openQuerySession, type QuerySession } from '../../../main/core/queries/query-session.ts';
import { createMiniRegistry } from './mini-registry.ts';
import type { Tables } from './mini-registry.ts';

export interface MiniEngine {
  engine: Engine;
  session: QuerySession;
  close(): Promise<void>;
}

export async function openMiniRegistry(snapshots: Record<string, Tables>): Promise<MiniEngine> {
  const registry = await createMiniRegistry(snapshots);
  try {
    const session = await openQuerySession({ dataDir: registry.dataDir, threads: 1 });
    return {
      engine: session.engine,
      session,
      close: async () => {
        await session.close();
        await registry.remove();
      },
    };
  } catch (error) {
    await registry.remove();
    throw error;
  }
}
