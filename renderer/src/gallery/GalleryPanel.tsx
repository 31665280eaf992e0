// The gallery: the notebooks and panels of the queries folder, grouped by their secretariat.
import { useEffect, useState } from 'react';
import type { DocumentSummary } from '../../../main/core/api/index.ts';
import { useIsAnalyst } from '../app/role.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useClient } from '../client/client-context.ts';

interface Props {
  onOpen(doc: DocumentSummary, mode: 'panel' | 'notebook'): void;
}

export function GalleryPanel({ onOpen }: Props) {
  const client = useClient();
  const { t } = useLocale();
  const analyst = useIsAnalyst();
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    client.listDocuments({}).then((list) => live && setDocs(list), () => live && setDocs([]));
    return () => {
      live = false;
    };
  }, [client]);
  const groups = new Map<string, DocumentSummary[]>();
  for (const doc of docs ?? []) {
    const owner = doc.owner ?? '—';
    groups.set(owner, [...(groups.get(owner) ?? []), doc]);
  }
  return (
    <div className="gallery" data-testid="gallery">
      {docs === null && <div className="muted pad">{t('loading')}</div>}
      {docs?.length === 0 && <div className="muted pad">{t('noDocuments')}</div>}
      {[...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b, 'pt-BR'))
        .map(([owner, list]) => (
          <section key={owner} className="gallery-group">
            <h3 className="gallery-owner">{owner}</h3>
            {list.map((doc) => (
              <div key={doc.path} className="gallery-item" data-testid={`gallery-${doc.path}`}>
                <button className="gallery-open" onClick={() => onOpen(doc, 'panel')}>
                  <span className="gallery-title">{doc.title}</span>
                  {doc.purpose && <span className="gallery-purpose">{doc.purpose}</span>}
                </button>
                {analyst && (
                  <button className="link-button gallery-notebook" data-testid="open-notebook" onClick={() => onOpen(doc, 'notebook')}>
                    {t('openAsNotebook')}
                  </button>
                )}
              </div>
            ))}
          </section>
        ))}
    </div>
  );
}
