import type { ExportFormat } from '../../../main/core/api/index.ts';
import type { Translate } from '../i18n/i18n.ts';

export const RESULT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv', 'csv-br', 'parquet', 'json'];

export function formatLabel(format: ExportFormat, t: Translate): string {
  switch (format) {
    case 'xlsx':
      return t('formatXlsx');
    case 'csv':
      return t('formatCsv');
    case 'csv-br':
      return t('formatCsvBr');
    case 'parquet':
      return t('formatParquet');
    case 'json':
      return t('formatJson');
  }
}
