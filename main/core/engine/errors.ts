// DuckDB errors (JSON, thanks to errors_as_json) become ApiErrors: a code the shells can act
// on, DuckDB's own message without the JSON wrapper, and the line and column in the whole
// submitted script. The `LINE n:` text DuckDB prints is wrong after accents: never parsed.
import { WorkbenchError } from '../api/index.ts';
import type { ApiError, ErrorCode } from '../api/index.ts';
import { lineColumnAt, toUtf16Index } from './positions.ts';
import { statementIndexAt } from '../sql/lexer.ts';

export interface DuckDBErrorInfo {
  /** DuckDB's exception type, e.g. `Parser`, `Binder`, `INTERRUPT`. */
  type?: string;
  message: string;
  /** Offset from the start of the whole script (unit depends on the type). */
  position?: number;
  candidates?: string[];
}

export interface ErrorContext {
  script: string;
  statementIndex?: number;
  /** Statement starts (UTF-16 indexes), to find the statement of a positioned error. */
  statementStarts?: readonly number[];
  /** What an interrupt means here: the user cancelled, or the time limit passed. */
  interruptCode?: 'cancelled' | 'timeout';
}

function parseJsonPart(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    const parsed: unknown = JSON.parse(text.slice(start, end + 1));
    if (parsed !== null && typeof parsed === 'object' && 'exception_message' in parsed) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Not a JSON error: DuckDB (or the Node client) sometimes reports plain text.
  }
  return undefined;
}

export function parseDuckDBError(error: unknown): DuckDBErrorInfo {
  const text = error instanceof Error ? error.message : String(error);
  const json = parseJsonPart(text);
  if (json) {
    const position = Number(json.position);
    const candidates = typeof json.candidates === 'string' ? json.candidates.split(',') : [];
    return {
      type: typeof json.exception_type === 'string' ? json.exception_type : undefined,
      message: String(json.exception_message),
      position: json.position !== undefined && Number.isFinite(position) ? position : undefined,
      candidates: candidates.map((name) => name.trim()).filter((name) => name.length > 0),
    };
  }
  const plain = /^(?:[^:{]*?: )?([A-Z][A-Za-z ]*?) Error: ([\s\S]*)$/.exec(text);
  return plain ? { type: plain[1], message: plain[2] ?? text } : { message: text };
}

const DATA_TYPES = new Set(['io', 'invalid input', 'conversion', 'out of range', 'constraint', 'invalid type', 'serialization']);

export function errorCodeFor(type: string | undefined, interruptCode: ErrorCode = 'cancelled'): ErrorCode {
  const normalized = (type ?? '').toLowerCase();
  if (normalized === 'parser') return 'syntax';
  if (normalized === 'binder' || normalized === 'catalog') return 'binder';
  if (normalized === 'permission') return 'not_allowed';
  if (normalized === 'interrupt') return interruptCode;
  if (normalized === 'out of memory') return 'out_of_memory';
  if (DATA_TYPES.has(normalized)) return 'data';
  return 'internal';
}

export function interruptMessage(code: 'cancelled' | 'timeout', timeoutMs?: number): string {
  if (code === 'timeout') {
    return timeoutMs === undefined
      ? 'A consulta passou do tempo limite e foi interrompida.'
      : `A consulta passou do tempo limite de ${timeoutMs} ms e foi interrompida.`;
  }
  return 'A consulta foi cancelada.';
}

/** An ApiError located at a string index of the script. */
export function locatedError(detail: ApiError, script: string, index: number | undefined): WorkbenchError {
  return new WorkbenchError(index === undefined ? detail : { ...detail, ...lineColumnAt(script, index) });
}

export function toWorkbenchError(error: unknown, context: ErrorContext): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const info = parseDuckDBError(error);
  const code = errorCodeFor(info.type, context.interruptCode);
  const message = code === 'cancelled' || code === 'timeout' ? interruptMessage(code) : info.message;
  const index =
    info.position === undefined
      ? undefined
      : toUtf16Index(context.script, info.position, code === 'syntax' ? 'codePoints' : 'utf8Bytes');
  const statementIndex =
    context.statementIndex ??
    (index !== undefined && context.statementStarts ? statementIndexAt(context.statementStarts, index) : undefined);
  const detail: ApiError = { code, message };
  if (statementIndex !== undefined) detail.statementIndex = statementIndex;
  if (info.candidates && info.candidates.length > 0) detail.candidates = info.candidates;
  return locatedError(detail, context.script, index);
}
