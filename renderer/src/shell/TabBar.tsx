// The main area's tab bar. The tab list holds only tabs (one Tab stop, arrows between them,
// Delete closes, F2 renames); each tab's × is for the mouse (hidden from assistive technology,
// out of the Tab order: Delete does the same), and "+" sits outside the list.
import { useState } from 'react';
import type { EditorTab } from '../../../main/core/api/index.ts';
import { useLocale } from '../i18n/i18n.ts';
import { onTabListKeyDown, tabIndexOf } from './tab-keys.ts';

/** The DOM id of a tab of the bar, for its panel's aria-labelledby. */
export function tabDomId(id: string): string {
  return `tab-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The DOM id of the panel a tab of the bar shows. */
import { panelDomId } from './panel-ids.ts';

export { panelDomId };

/** What makes an element the panel of a tab of the bar. */
export function tabPanelProps(tabId: string | null, panelId = tabId === null ? '' : panelDomId(tabId)) {
  return { role: 'tabpanel', id: panelId, ...(tabId === null ? {} : { 'aria-labelledby': tabDomId(tabId) }) } as const;
}

interface Props {
  tabs: (Pick<EditorTab, 'id' | 'title'> & { panelId: string })[];
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
  const anySelected = tabs.some((tab) => tab.id === activeId);
  return (
    <div className="tab-bar">
      <div className="tab-list" role="tablist" aria-label={t('openTabs')} onKeyDown={onTabListKeyDown}>
        {tabs.map((tab, index) => (
          <div
            key={tab.id}
            role="presentation"
            className={tab.id === activeId ? 'editor-tab active' : 'editor-tab'}
            onMouseDown={(e) => e.button === 1 && onClose(tab.id)}
            onDoubleClick={() => setEditing(tab.id)}
          >
            {editing === tab.id ? (
              <input
                className="tab-rename"
                aria-label={t('renameTab')}
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
              <button
                role="tab"
                data-testid={`tab-${index}`}
                id={tabDomId(tab.id)}
                aria-selected={tab.id === activeId}
                aria-controls={tab.panelId}
                aria-keyshortcuts="Delete F2"
                tabIndex={tabIndexOf(tab.id === activeId, index, anySelected)}
                className="tab-button"
                title={t('tabKeysHint')}
                onClick={() => onSelect(tab.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Delete') {
                    e.preventDefault();
                    onClose(tab.id);
                  } else if (e.key === 'F2') {
                    e.preventDefault();
                    setEditing(tab.id);
                  }
                }}
              >
                {running(tab.id) && <span className="spinner small" aria-hidden />}
                <span className="tab-title">{tab.title}</span>
              </button>
            )}
            <button
              className="tab-close"
              aria-hidden="true"
              tabIndex={-1}
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
      </div>
      {onNew && (
        <button className="new-tab" data-testid="new-tab" title={t('newTab')} aria-label={t('newTab')} onClick={onNew}>
          +
        </button>
      )}
    </div>
  );
}
