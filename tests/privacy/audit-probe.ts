// Run by audit-files.test.ts as a child process (as `nobody` when the tests run as root, so
// file permissions apply to it): records one entry in the log given and prints the outcome.
import { AuditLog } from '../../main/core/privacy/audit-log.ts';

const file = process.argv[2] as string;
try {
  const entry = await new AuditLog(file, { user: 'sonda', role: 'analista' }).record({ action: 'open_snapshot', snapshot: '2026-10-31' });
  process.stdout.write(JSON.stringify({ ok: true, seq: entry.seq }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, message: (error as Error).message }));
}
