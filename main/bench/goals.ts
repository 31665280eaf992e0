// The performance goals of the bench (BENCHMARKS.md), each judged from the cases this run
// printed: one line per goal, met / not met / not measured (its part did not run), with the
// figure that decided it. A panel's "warm" time (`ms`) is its open as people get it once the
// workbench has prepared the saved panels (queries/panel-preparation.ts) or after a first open:
// answered from the cell cache, as the "caching keyed by snapshot + SQL + parameters"
// and "prepared when a snapshot opens" intend; "cold" (`cold_ms`) is its first open after start.
// The compute path with nothing cached (`compute_ms`, what parameters not seen yet cost) is
// judged against bare DuckDB (`ratio`) and printed beside them.
import { printedCases, round } from './measure.ts';

type Status = 'met' | 'not met' | 'not measured';

interface GoalLine {
  goal: string;
  status: Status;
  [figure: string]: unknown;
}

function numberField(fields: Record<string, unknown> | undefined, name: string): number | undefined {
  const value = fields?.[name];
  return typeof value === 'number' ? value : undefined;
}

/** Panel cases (not their cells) at one scale. */
function panelsAt(suffix: string): [string, Record<string, unknown>][] {
  return [...printedCases].filter(([name]) => /^panel_.+_sf\d+$/.test(name) && name.endsWith(`_${suffix}`));
}

/** The panel with the largest value of `figure(fields)`, judged against `limit`. */
function worstPanel(goal: string, suffix: string, figure: (fields: Record<string, unknown>) => number | undefined, limit: number): GoalLine {
  let worst: { panel: string; value: number } | undefined;
  for (const [name, fields] of panelsAt(suffix)) {
    const value = figure(fields);
    if (value !== undefined && (worst === undefined || value > worst.value)) worst = { panel: name, value };
  }
  if (worst === undefined) return { goal, status: 'not measured' };
  return { goal, status: worst.value <= limit ? 'met' : 'not met', worst: worst.panel, value: round(worst.value), limit };
}

function caseGoal(goal: string, name: string, figure: (fields: Record<string, unknown>) => number | undefined, met: (value: number) => boolean, limit: string): GoalLine {
  const fields = printedCases.get(name);
  const value = fields === undefined ? undefined : figure(fields);
  if (value === undefined) return { goal, status: 'not measured' };
  return { goal, status: met(value) ? 'met' : 'not met', value: round(value), limit };
}

/** Per-row overhead on an aggregate: only a ratio over a base query of 100 ms or more says that. */
function aggregateGoal(): GoalLine {
  const line = caseGoal('aggregate_within_1_10x_bare', 'query_overhead_aggregate', (f) => numberField(f, 'ratio'), (v) => v <= 1.1, '<= 1.10');
  const base = numberField(printedCases.get('query_overhead_aggregate'), 'bare_ms');
  if (line.status === 'met' && base !== undefined && base < 100) return { ...line, status: 'not met', why: `base query ${round(base)} ms, under 100 ms` };
  return line;
}

/** Judges every goal; `elapsedSeconds` is the whole run's time, `complete` whether every part ran. */
export function goalLines(elapsedSeconds: number, complete: boolean): GoalLine[] {
  const ratio = (fields: Record<string, unknown>) => numberField(fields, 'ratio');
  const ms = (fields: Record<string, unknown>) => numberField(fields, 'ms');
  const coldOverWarm = (fields: Record<string, unknown>) => {
    const cold = numberField(fields, 'cold_ms');
    const warm = numberField(fields, 'ms');
    return cold === undefined || warm === undefined ? undefined : cold / warm;
  };
  const lines = [
    worstPanel('panel_sf10_under_3s', 'sf10', ms, 3000),
    worstPanel('panel_sf1_under_500ms', 'sf1', ms, 500),
    worstPanel('panel_cold_under_2x_warm_sf10', 'sf10', coldOverWarm, 2),
    worstPanel('panel_within_1_3x_bare_sf10', 'sf10', ratio, 1.3),
    worstPanel('panel_within_1_3x_bare_sf1', 'sf1', ratio, 1.3),
    caseGoal('xlsx_150k_rows_per_s', 'export_xlsx_1m', (f) => numberField(f, 'rows_per_s'), (v) => v >= 150_000, '>= 150000'),
    caseGoal(
      'xlsx_rss_growth_under_300mb',
      'export_xlsx_1m',
      (f) => {
        const peak = numberField(f, 'peak_rss_mb');
        const before = numberField(f, 'rss_before_export_mb');
        return peak === undefined || before === undefined ? undefined : peak - before;
      },
      (v) => v < 300,
      '< 300 MB',
    ),
    caseGoal('arrow_within_2_5x_chunk_loop', 'query_overhead_1m_rows', (f) => numberField(f, 'floor_ratio'), (v) => v <= 2.5, '<= 2.5'),
    aggregateGoal(),
    caseGoal('snapshot_import_sf1_under_60s', 'snapshot_import_sf1_latin1', (f) => numberField(f, 'seconds'), (v) => v < 60, '< 60 s'),
    caseGoal('snapshot_import_sf10_under_10min', 'snapshot_import_sf10_latin1', (f) => numberField(f, 'seconds'), (v) => v < 600, '< 600 s (MIRANTE_BENCH_IMPORT_SF10=1)'),
    caseGoal('snapshot_diff_pessoa_sf10_under_10s', 'snapshot_diff_pessoa_sf10', (f) => numberField(f, 'ms'), (v) => v < 10_000, '< 10000 ms'),
    caseGoal('panels_open_under_2gb_sf10', 'panels_open_memory_sf10', (f) => numberField(f, 'peak_rss_mb'), (v) => v < 2048, '< 2048 MB'),
  ];
  lines.push(
    complete
      ? { goal: 'bench_under_20_min', status: elapsedSeconds < 1200 ? 'met' : 'not met', value: round(elapsedSeconds), limit: '< 1200 s' }
      : { goal: 'bench_under_20_min', status: 'not measured', why: 'a partial run (--only, --skip-sf10 or --skip-generate)' },
  );
  return lines;
}

export function printGoalSummary(elapsedSeconds: number, complete: boolean): void {
  for (const line of goalLines(elapsedSeconds, complete)) process.stdout.write(`${JSON.stringify(line)}\n`);
}
