// The command's zone: the system's (TZ), unless --tz names another; DuckDB's arithmetic and
// Mirante's printing use the same one, and data_referencia() stays a DATE in any zone.
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const data = inject('sampleRegistryDir');
const SQL = "select to_timestamp(0) as t, to_timestamp(0)::varchar as v, typeof(data_referencia()) as tipo, data_referencia() as d";

describe('mirante query in a time zone', () => {
  it("prints TIMESTAMPTZ in the system's zone, the same as DuckDB's own text", async () => {
    const result = await runCli(['query', SQL, '--data', data, '--format', 'csv'], { env: { TZ: 'America/Sao_Paulo' } });
    expect(result.stderr).toBe('');
    const [, row] = result.stdout.split('\r\n');
    expect(row).toMatch(/^1969-12-31 21:00:00-03,1969-12-31 21:00:00-03,DATE,\d{4}-\d{2}-\d{2}$/);
  });

  it('takes --tz over the system zone, and names an unknown zone in its error', async () => {
    const result = await runCli(['query', SQL, '--data', data, '--format', 'json', '--tz', 'Asia/Kolkata'], { env: { TZ: 'America/Sao_Paulo' } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ t: '1970-01-01T05:30:00+05:30', v: '1970-01-01 05:30:00+05:30', tipo: 'DATE' });
    const wrong = await runCli(['query', 'select 1', '--data', data, '--tz', 'Marte/Olympus']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Fuso horário desconhecido: "Marte/Olympus"');
    expect(wrong.stdout).toBe('');
  });
});
