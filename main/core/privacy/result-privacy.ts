// The privacy class of a RESULT column, so the grid can badge it: traced by name to the
// registry tables the statement reads (an alias such as `cpf AS documento` is not traced).
// Where the same name has several classes among those tables, the strictest wins.
import type { PrivacyClass } from '../api/index.ts';
import type { Dictionary } from '../registry/dictionary.ts';
import type { ScriptAnalysis } from './sql-references.ts';

const STRICTNESS: Record<PrivacyClass, number> = { identificador: 3, sensivel: 2, crianca: 1, publico: 0 };

export type ColumnClasses = Map<string, PrivacyClass>;

/** Per statement: result column name → class. Empty maps when the script was not analysed. */
export function resultClasses(analysis: ScriptAnalysis, dictionary: Dictionary): ColumnClasses[] {
  if (!analysis.ok) return [];
  return analysis.statements.map((statement) => {
    const classes: ColumnClasses = new Map();
    for (const table of statement.tables) {
      const entry = dictionary.tables.get(table.name.toLowerCase());
      for (const [column, described] of entry?.columns ?? []) {
        const privacy = described.privacy;
        if (privacy === undefined) continue;
        const known = classes.get(column);
        if (known === undefined || STRICTNESS[privacy] > STRICTNESS[known]) classes.set(column, privacy);
      }
    }
    return classes;
  });
}

/** The classes of a script's result columns, or none when it cannot be analysed. */
export async function classifyResults(
  engine: { analyse(sql: string, snapshot?: string): Promise<ScriptAnalysis>; readonly dataDictionary: Dictionary },
  sql: string,
  snapshot: string | undefined,
): Promise<ColumnClasses[]> {
  try {
    return resultClasses(await engine.analyse(sql, snapshot), engine.dataDictionary);
  } catch {
    return [];
  }
}
