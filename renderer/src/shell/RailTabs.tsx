import { useLocale } from '../i18n/i18n.ts';
import { onTabListKeyDown } from './tab-keys.ts';

export type RailSection = 'catalog' | 'panels' | 'history' | 'audit';

/** The rail's section panel, which every rail tab controls. */
export const RAIL_PANEL_ID = 'rail-panel';

export function railTabId(section: RailSection): string {
  return `rail-tab-${section}`;
}

interface Props {
  rail: RailSection;
  /** The catalog, history and the audit log are for analysts only (consulta opens panels). */
  analyst: boolean;
  onRail(section: RailSection): void;
}

export function RailTabs({ rail, analyst, onRail }: Props) {
  const { t } = useLocale();
  const sections: { id: RailSection; label: string; testId?: string }[] = analyst
    ? [
        { id: 'catalog', label: t('catalog'), testId: 'rail-catalog' },
        { id: 'panels', label: t('panels'), testId: 'rail-panels' },
        { id: 'history', label: t('history') },
        { id: 'audit', label: t('auditTab'), testId: 'rail-audit' },
      ]
    : [{ id: 'panels', label: t('panels'), testId: 'rail-panels' }];
  return (
    <div className="rail-tabs" role="tablist" aria-label={t('railSections')} onKeyDown={onTabListKeyDown}>
      {sections.map((section) => (
        <button
          key={section.id}
          role="tab"
          id={railTabId(section.id)}
          aria-controls={RAIL_PANEL_ID}
          tabIndex={rail === section.id ? 0 : -1}
          data-testid={section.testId}
          aria-selected={rail === section.id}
          className={rail === section.id ? 'active' : ''}
          onClick={() => onRail(section.id)}
        >
          {section.label}
        </button>
      ))}
    </div>
  );
}
