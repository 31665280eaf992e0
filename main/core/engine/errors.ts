// DuckDB errors (JSON, thanks to errors_as_json) become ApiErrors: a code the shells can act
// on (one per DuckDB exception class), DuckDB's own message as DuckDB prints it, its class
// first (`Conversion Error: …`) but without the JSON wrapper, and the line and column in the
// whole submitted script. An interrupt is ours to word (cancelled or past the time limit).
// The `LINE n:` text DuckDB prints is wrong after accents: never parsed.
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

// Every exception class DuckDB has, spelt as DuckDB prints it (ExceptionTypeToString), by the
// code it gets: what the user can do about it. A class not listed (a newer DuckDB's) is `internal`, and so
// are DuckDB's own INTERNAL and FATAL and the classes of its machinery (connection, scheduler,
// optimizer, index, statistics) that no read-only SELECT reaches without a DuckDB fault.
const CLASSES_OF_CODE: [ErrorCode, string[]][] = [
  ['syntax', ['Parser', 'Syntax']],
  ['binder', ['Binder', 'Catalog', 'Mismatch Type', 'Unknown Type', 'Dependency', 'Expression', 'Planner']],
  ['data', ['Conversion', 'Out of Range', 'Invalid Input', 'IO', 'Constraint', 'Invalid type', 'Serialization', 'Decimal', 'Divide by Zero', 'Object Size', 'Sequence', 'HTTP', 'Executor']],
  ['not_implemented', ['Not implemented']],
  ['parameter', ['Parameter Not Allowed', 'Parameter Not Resolved']],
  ['not_allowed', ['Permission', 'Missing Extension', 'Extension Autoloading', 'Settings', 'Invalid Configuration', 'TransactionContext']],
  ['out_of_memory', ['Out of Memory']],
];
const CODE_OF_CLASS = new Map(CLASSES_OF_CODE.flatMap(([code, classes]) => classes.map((name) => [name.toLowerCase(), code] as const)));

export function errorCodeFor(type: string | undefined, interruptCode: ErrorCode = 'cancelled'): ErrorCode {
  const normalized = (type ?? '').toLowerCase();
  if (normalized === 'interrupt') return interruptCode;
  return CODE_OF_CLASS.get(normalized) ?? 'internal';
}

/** DuckDB's message as DuckDB prints it: its class first (`Conversion Error: …`). */
export function duckdbMessage(info: DuckDBErrorInfo): string {
  return info.type === undefined ? info.message : `${info.type} Error: ${info.message}`;
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
  const message = code === 'cancelled' || code === 'timeout' ? interruptMessage(code) : duckdbMessage(info);
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
