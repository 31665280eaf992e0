import { useState } from 'react';
import type { EditorTab } from '../../../main/core/api/index.ts';
import { useLocale } from '../i18n/i18n.ts';

interface Props {
  tabs: Pick<EditorTab, 'id' | 'title'>[];
  activeId: string | null;
  running: (id: string) => boolean;
  onSelect(id: string): void;
  onClose(id: string): void;
  onRename(id: string, title: string): void;
  /** Absent for role `consulta`: no new SQL tabs. */
  onNew?(): void;
}

export function TabBar({ tabs, activeId, running, onSelect, onClose, onRename, onNew }: Props) {
  const { t } = useLocale();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="tab-bar" role="tablist">
      {tabs.map((tab, index) => (
        <div
          key={tab.id}
          role="tab"
          aria-selected={tab.id === activeId}
          className={tab.id === activeId ? 'editor-tab active' : 'editor-tab'}
          data-testid={`tab-${index}`}
          title={t('renameHint')}
          onMouseDown={(e) => e.button === 1 && onClose(tab.id)}
          onClick={() => onSelect(tab.id)}
          onDoubleClick={() => setEditing(tab.id)}
        >
          {running(tab.id) && <span className="spinner small" aria-hidden />}
          {editing === tab.id ? (
            <input
              className="tab-rename"
              autoFocus
              defaultValue={tab.title}
              onFocus={(e) => e.target.select()}
              onBlur={(e) => {
                onRename(tab.id, e.target.value.trim() || tab.title);
                setEditing(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.currentTarget.blur();
                if (e.key === 'Escape') setEditing(null);
              }}
            />
          ) : (
            <span className="tab-title">{tab.title}</span>
          )}
          <button
            className="tab-close"
            aria-label={t('closeTab')}
            title={t('closeTab')}
            onClick={(e) => {
              e.stopPropagation();
              onClose(tab.id);
            }}
          >
            ×
          </button>
        </div>
      ))}
      {onNew && (
        <button className="new-tab" data-testid="new-tab" title={t('newTab')} aria-label={t('newTab')} onClick={onNew}>
          +
        </button>
      )}
    </div>
  );
}
