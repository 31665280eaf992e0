// One engine over a miniature registry per describe block, closed and removed afterwards.
import { Engine } from '../../../main/core/engine/engine.ts';
import { createMiniRegistry } from './mini-registry.ts';
import type { Tables } from './mini-registry.ts';

export interface MiniEngine {
  engine: Engine;
  close(): Promise<void>;
}

export async function openMiniRegistry(snapshots: Record<string, Tables>): Promise<MiniEngine> {
  const registry = await createMiniRegistry(snapshots);
  try {
    const engine = await Engine.open({ dataDir: registry.dataDir, threads: 1 });
    return {
      engine,
      close: async () => {
        await engine.close();
        await registry.remove();
      },
    };
  } catch (error) {
    await registry.remove();
    throw error;
  }
}
