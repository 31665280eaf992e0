// Skip links: the window's first Tab stops, shown only while focused, taking a keyboard user
// past the rail's dozens of controls to the editor, the result or the main area.
import { useLocale } from '../i18n/i18n.ts';

export interface SkipLink {
  id: string;
  label: string;
  go(): void;
}

export function SkipLinks({ links }: { links: SkipLink[] }) {
  const { t } = useLocale();
  return (
    <nav className="skip-links" aria-label={t('skipLinks')}>
      {links.map((link) => (
        <a
          key={link.id}
          href={`#${link.id}`}
          className="skip-link"
          data-testid={`skip-${link.id}`}
          onClick={(event) => {
            event.preventDefault();
            link.go();
          }}
        >
          {link.label}
        </a>
      ))}
    </nav>
  );
}
