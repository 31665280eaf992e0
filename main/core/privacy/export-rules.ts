// LGPD: personal data leaves the workbench only with a declared purpose. An export needs one
// when a column traces to a personal class (identificador, sensivel, crianca: by name, to the
// registry tables its statement reads) or when the rows are unmasked. The purpose is written
// in the file's "Sobre" sheet and in the audit log.
import { WorkbenchError } from '../api/index.ts';
import { checkedPurpose } from './session-privacy.ts';

export interface ExportedRows {
  /** Some column traces to identificador, sensivel or crianca. */
  personal: boolean;
  /** The rows came from an unmask. */
  unmasked: boolean;
}

/** The purpose to record, or a `parameter` error saying why one is needed. */
export function exportPurpose(purpose: unknown, rows: ExportedRows): string | undefined {
  if (rows.personal || rows.unmasked) {
    try {
      return checkedPurpose(purpose);
    } catch (error) {
      const why = rows.unmasked ? 'O resultado está sem máscara' : 'O resultado tem dados pessoais (identificadores, dados sensíveis ou de crianças)';
      throw new WorkbenchError({ code: 'parameter', message: `${why}: ${(error as WorkbenchError).message}` });
    }
  }
  return typeof purpose === 'string' && purpose.trim() !== '' ? purpose.trim() : undefined;
}
