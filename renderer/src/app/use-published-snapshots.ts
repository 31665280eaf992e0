// The snapshots the workbench knows, asked again whenever the window regains focus or comes
// back into view, and once a minute: a snapshot published while Mirante is open (`mirante
// snapshot import`) appears in the "Dados de" selector without a restart. The view the user
// chose stays; a new date is announced, not switched to.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SnapshotInfo } from '../../../main/core/api/index.ts';
import { useClient } from '../client/client-context.ts';
import { whenPageReturns } from './when-page-returns.ts';

const EVERY_MS = 60_000;

export interface PublishedSnapshots {
  snapshots: SnapshotInfo[];
  /** Asks now (after a publish from this window). */
  refresh(): void;
}

export function usePublishedSnapshots(initial: SnapshotInfo[], onPublished: (dates: string[]) => void): PublishedSnapshots {
  const client = useClient();
  const [snapshots, setSnapshots] = useState(initial);
  const known = useRef(new Set(initial.map((snapshot) => snapshot.date)));
  const announce = useRef(onPublished);
  announce.current = onPublished;
  const askNow = useRef<() => void>(() => undefined);

  useEffect(() => {
    let live = true;
    const ask = (): void => {
      void client
        .info({})
        .then((info) => {
          if (!live) return;
          const added = info.snapshots.filter((snapshot) => !known.current.has(snapshot.date));
          if (added.length === 0) return;
          for (const snapshot of added) known.current.add(snapshot.date);
          setSnapshots(info.snapshots);
          announce.current(added.map((snapshot) => snapshot.date));
        })
        // Asked again at the next focus or minute; the connection's own banner reports a lost server.
        .catch(() => undefined);
    };
    askNow.current = ask;
    const stop = whenPageReturns(ask, EVERY_MS);
    return () => {
      live = false;
      stop();
    };
  }, [client]);

  const refresh = useCallback(() => askNow.current(), []);
  return { snapshots, refresh };
}
