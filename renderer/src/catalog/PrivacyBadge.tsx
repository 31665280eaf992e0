import type { PrivacyClass } from '../../../main/core/api/index.ts';
import { useLocale } from '../i18n/i18n.ts';

export function PrivacyBadge({ privacy }: { privacy: PrivacyClass | undefined }) {
  const { t } = useLocale();
  if (!privacy) return null;
  return (
    <span className={`privacy-badge privacy-${privacy}`} title={t('privacyTitle')}>
      {t(`privacy_${privacy}`)}
    </span>
  );
}
