// What produced each kept result (its SQL, parameters, snapshot), for the "Sobre" sheet of
// its export: results never re-run, so this is remembered when they are made.
import type { ParamValue } from '../api/index.ts';

export interface QueryProvenance {
  sql: string;
  params: Record<string, ParamValue | undefined>;
  snapshot: string;
  title: string;
}

const MAX_REMEMBERED = 64;

export class ProvenanceLog {
  private readonly byQuery = new Map<string, QueryProvenance>();

  remember(queryId: string, provenance: QueryProvenance): void {
    this.byQuery.delete(queryId);
    this.byQuery.set(queryId, provenance);
    while (this.byQuery.size > MAX_REMEMBERED) this.byQuery.delete(this.byQuery.keys().next().value as string);
  }

  get(queryId: string): QueryProvenance | undefined {
    return this.byQuery.get(queryId);
  }
}
