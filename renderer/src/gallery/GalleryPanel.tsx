// The gallery: the notebooks and panels of the queries folder, grouped by their secretariat,
// kept current (use-document-list.ts); analysts start a new notebook here.
import type { DocumentSummary } from '../../../main/core/api/index.ts';
import { useIsAnalyst } from '../app/role.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useDocumentList } from './use-document-list.ts';

interface Props {
  onOpen(doc: DocumentSummary, mode: 'panel' | 'notebook'): void;
  /** Bumped when this window saved a notebook: list again now. */
  version: number;
  /** Analysts: "Novo notebook". */
  onNew?(): void;
}

export function GalleryPanel({ onOpen, version, onNew }: Props) {
  const { t } = useLocale();
  const analyst = useIsAnalyst();
  const docs = useDocumentList(version);
  const groups = new Map<string, DocumentSummary[]>();
  for (const doc of docs ?? []) {
    const owner = doc.owner ?? '—';
    groups.set(owner, [...(groups.get(owner) ?? []), doc]);
  }
  return (
    <div className="gallery" data-testid="gallery">
      {analyst && onNew && (
        <div className="gallery-actions">
          <button className="gallery-new" data-testid="new-notebook" onClick={onNew}>
            {t('newNotebook')}
          </button>
        </div>
      )}
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
