import { useLocale } from '../i18n/i18n.ts';

export type RailSection = 'catalog' | 'panels' | 'history' | 'audit';

interface Props {
  rail: RailSection;
  /** History and the audit log are for analysts only. */
  analyst: boolean;
  onRail(section: RailSection): void;
}

export function RailTabs({ rail, analyst, onRail }: Props) {
  const { t } = useLocale();
  const sections: { id: RailSection; label: string; testId?: string }[] = [
    { id: 'catalog', label: t('catalog') },
    { id: 'panels', label: t('panels'), testId: 'rail-panels' },
    ...(analyst ? [{ id: 'history' as const, label: t('history') }, { id: 'audit' as const, label: t('auditTab'), testId: 'rail-audit' }] : []),
  ];
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
