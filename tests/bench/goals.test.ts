// The bench's last lines judge each goal from the cases the run printed.
import { afterEach, describe, expect, it } from 'vitest';
import { goalLines } from '../../main/bench/goals.ts';
import { printedCases } from '../../main/bench/measure.ts';

const byGoal = (lines: ReturnType<typeof goalLines>) => new Map(lines.map((line) => [line.goal, line]));

describe('the goal summary', () => {
  afterEach(() => printedCases.clear());

  it('judges the worst panel of a scale, and says which', () => {
    printedCases.set('panel_obras_sf10', { ms: 120, bare_ms: 100, ratio: 1.2, cold_ms: 130 });
    printedCases.set('panel_divida_ativa_sf10', { ms: 4200, bare_ms: 3000, ratio: 1.4, cold_ms: 9000 });
    printedCases.set('panel_divida_ativa_sf10_cell_estoque', { ms: 99_999, bare_ms: 1, ratio: 99_999 });
    const goals = byGoal(goalLines(100, false));
    expect(goals.get('panel_sf10_under_3s')).toMatchObject({ status: 'not met', worst: 'panel_divida_ativa_sf10', value: 4200 });
    expect(goals.get('panel_within_1_3x_bare_sf10')).toMatchObject({ status: 'not met', value: 1.4 });
    expect(goals.get('panel_cold_under_2x_warm_sf10')).toMatchObject({ status: 'not met', value: 2.14 });
    expect(goals.get('panel_sf1_under_500ms')).toMatchObject({ status: 'not measured' });
  });

  it('meets a goal at its limit, and never calls a partial run fast enough', () => {
    printedCases.set('panel_obras_sf1', { ms: 500, ratio: 1.3, cold_ms: 900 });
    printedCases.set('export_xlsx_1m', { rows_per_s: 150_000, peak_rss_mb: 950, rss_before_export_mb: 656 });
    printedCases.set('query_overhead_1m_rows', { floor_ratio: 2.51 });
    const goals = byGoal(goalLines(100, false));
    expect(goals.get('panel_sf1_under_500ms')?.status).toBe('met');
    expect(goals.get('panel_within_1_3x_bare_sf1')?.status).toBe('met');
    expect(goals.get('xlsx_150k_rows_per_s')?.status).toBe('met');
    expect(goals.get('xlsx_rss_growth_under_300mb')).toMatchObject({ status: 'met', value: 294 });
    expect(goals.get('arrow_within_2_5x_chunk_loop')?.status).toBe('not met');
    expect(goals.get('bench_under_20_min')?.status).toBe('not measured');
    expect(byGoal(goalLines(1300, true)).get('bench_under_20_min')?.status).toBe('not met');
  });

  it('does not count an aggregate ratio over a base query under 100 ms', () => {
    printedCases.set('query_overhead_aggregate', { ratio: 1.02, bare_ms: 40 });
    expect(byGoal(goalLines(1, false)).get('aggregate_within_1_10x_bare')).toMatchObject({ status: 'not met' });
    printedCases.set('query_overhead_aggregate', { ratio: 1.02, bare_ms: 140 });
    expect(byGoal(goalLines(1, false)).get('aggregate_within_1_10x_bare')).toMatchObject({ status: 'met' });
  });
});
