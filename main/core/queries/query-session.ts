// The engine, the user's role and audit log, and the runner over them: what every shell that
// runs SQL opens (the workbench behind the UI, each `mirante` command, the bench).
import { Engine, type EngineOptions } from '../engine/engine.ts';
import { SessionPrivacy } from '../privacy/session-privacy.ts';
import { QueryRunner, type QueryRunnerOptions } from './query-runner.ts';

export interface QuerySessionOptions extends EngineOptions, QueryRunnerOptions {
  /** Whose role applies (`<data dir>/mirante.yaml`); default the OS user. */
  user?: string;
  /** The audit log; default what mirante.yaml says, else `<data dir>/auditoria/auditoria.jsonl`. */
  auditLog?: string;
}

export interface QuerySession {
  engine: Engine;
  privacy: SessionPrivacy;
  runner: QueryRunner;
  close(): Promise<void>;
}

export async function openQuerySession(options: QuerySessionOptions): Promise<QuerySession> {
  const engine = await Engine.open(options);
  try {
    const privacy = await SessionPrivacy.open(engine.dataDir, {
      ...(options.user !== undefined ? { user: options.user } : {}),
      ...(options.auditLog !== undefined ? { auditLog: options.auditLog } : {}),
    });
    const runner = new QueryRunner(engine, privacy, options.defaultTimeoutMs !== undefined ? { defaultTimeoutMs: options.defaultTimeoutMs } : {});
    return {
      engine,
      privacy,
      runner,
      close: async () => {
        await engine.close();
        // Lets queued copies for the system log leave before a command exits.
        await privacy.audit.close();
      },
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}
