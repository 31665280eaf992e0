// A validation's findings, as the Retratos screen shows them for a published snapshot (from its
// manifest) and for an import just run (with each finding's message and masked examples).
import type { SnapshotFinding } from '../../../main/core/api/index.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { useLocale } from '../i18n/i18n.ts';

type Finding = SnapshotFinding & { message?: string; examples?: string[] };

export function FindingsTable({ findings, testId }: { findings: readonly Finding[]; testId: string }) {
  const { locale, t } = useLocale();
  const n = (value: number) => groupDigits(String(value), symbolsOf(locale).group);
  const described = findings.some((finding) => finding.message !== undefined);
  return (
    <table className="audit-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('snapshotsSeverity')}</th>
          <th>{t('snapshotsRule')}</th>
          <th>{t('snapshotsWhere')}</th>
          <th className="num">{t('snapshotsCount')}</th>
          {described && <th>{t('importWhat')}</th>}
        </tr>
      </thead>
      <tbody>
        {findings.map((finding, index) => (
          <tr key={index}>
            <td>
              <span className={`status-badge ${finding.severity === 'bloqueante' ? 'bad' : 'warn'}`}>{finding.severity}</span>
            </td>
            <td>{finding.rule}</td>
            <td>{finding.column ? `${finding.table}.${finding.column}` : finding.table}</td>
            <td className="num">{n(finding.count)}</td>
            {described && (
              <td>
                {finding.message}
                {finding.examples !== undefined && finding.examples.length > 0 && (
                  <span className="muted"> ({t('importExamples', { examples: finding.examples.join('; ') })})</span>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
