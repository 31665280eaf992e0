import { useLocale } from '../i18n/i18n.ts';

export type RailSection = 'catalog' | 'panels' | 'history' | 'audit';

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
    <nav className="rail-tabs" role="tablist">
      {sections.map((section) => (
        <button key={section.id} role="tab" data-testid={section.testId} aria-selected={rail === section.id} className={rail === section.id ? 'active' : ''} onClick={() => onRail(section.id)}>
          {section.label}
        </button>
      ))}
    </nav>
  );
}
