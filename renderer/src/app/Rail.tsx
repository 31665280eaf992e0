// The left rail: the brand, the rail's tabs and the section they show (the catalog, the
// panels gallery, the history, the way into the audit log).
import { useState } from 'react';
import type { DocumentSummary, HistoryEntry, SnapshotInfo, TableInfo } from '../../../main/core/api/index.ts';
import { CatalogPanel } from '../catalog/CatalogPanel.tsx';
import { GalleryPanel } from '../gallery/GalleryPanel.tsx';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { useLocale } from '../i18n/i18n.ts';
import { RAIL_PANEL_ID, railTabId, RailTabs, type RailSection } from '../shell/RailTabs.tsx';

interface Props {
  analyst: boolean;
  snapshots: SnapshotInfo[];
  snapshot: string;
  onSnapshot(date: string): void;
  tables: TableInfo[] | null;
  historyVersion: number;
  onInsert(text: string): void;
  onPreview(table: string): void;
  onOpenDocument(doc: DocumentSummary, mode: 'panel' | 'notebook'): void;
  onOpenHistory(entry: HistoryEntry): void;
  onOpenAudit(): void;
  onOpenSnapshots(): void;
  /** Bumped after this window saved a notebook into the queries folder: the gallery lists again. */
  galleryVersion: number;
  /** Analysts: "Novo notebook". */
  onNewNotebook?(): void;
}

export function Rail({ analyst, snapshots, snapshot, onSnapshot, tables, historyVersion, onInsert, onPreview, onOpenDocument, onOpenHistory, onOpenAudit, onOpenSnapshots, galleryVersion, onNewNotebook }: Props) {
  const { t } = useLocale();
  // Role `consulta` has no catalog, history or audit: it opens on the panels gallery.
  const [section, setSection] = useState<RailSection>(analyst ? 'catalog' : 'panels');
  return (
    <aside className="rail">
      <div className="brand">
        <span className="brand-mark" aria-hidden />
        <span className="brand-name">Mirante</span>
      </div>
      <RailTabs
        rail={section}
        analyst={analyst}
        onRail={(next) => {
          setSection(next);
          if (next === 'audit') onOpenAudit();
        }}
      />
      <div className="rail-panel" role="tabpanel" id={RAIL_PANEL_ID} aria-labelledby={railTabId(section)}>
      {section === 'catalog' ? (
        <CatalogPanel
          snapshots={snapshots}
          snapshot={snapshot}
          onSnapshot={onSnapshot}
          tables={tables}
          onInsert={onInsert}
          onPreview={onPreview}
          {...(analyst ? { onOpenSnapshots } : {})}
        />
      ) : section === 'panels' ? (
        <GalleryPanel onOpen={onOpenDocument} version={galleryVersion} {...(onNewNotebook ? { onNew: onNewNotebook } : {})} />
      ) : section === 'audit' ? (
        <div className="rail-note">
          <p>{t('auditRailNote')}</p>
          <button className="link-button" onClick={onOpenAudit}>
            {t('auditOpen')}
          </button>
        </div>
      ) : (
        <HistoryPanel version={historyVersion} onOpen={onOpenHistory} />
      )}
      </div>
    </aside>
  );
}
