// The gallery's list, asked again whenever the window regains focus or comes back into view,
// once every half minute, and when `version` changes (this window saved a notebook): a notebook
// an analyst saves shows up in everyone's gallery without a restart.
import { useEffect, useState } from 'react';
import type { DocumentSummary } from '../../../main/core/api/index.ts';
import { useClient } from '../client/client-context.ts';
import { whenPageReturns } from '../app/when-page-returns.ts';

const EVERY_MS = 30_000;

export function useDocumentList(version: number): DocumentSummary[] | null {
  const client = useClient();
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    const ask = (): void => {
      client.listDocuments({}).then(
        (list) => live && setDocs(list),
        // A list that cannot be read now is asked again at the next focus or interval.
        () => live && setDocs((shown) => shown ?? []),
      );
    };
    ask();
    const stop = whenPageReturns(ask, EVERY_MS);
    return () => {
      live = false;
      stop();
    };
  }, [client, version]);
  return docs;
}
