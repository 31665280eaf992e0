// The shape of every method's request, checked where a request enters from outside the process
// (the web server's /api/<method>, Electron's IPC): a field of the wrong type gets a 'parameter'
// error naming it, instead of a TypeError deep in the core (an 'internal' error, or worse, a
// number written as a notebook's text). Fields a method does not know pass through untouched:
// the core refuses the ones it must (an export's `destination`).
//
// Not exported from the contract's index: the renderer never checks its own requests, so zod
// stays out of its bundle.
import { z } from 'zod';
import type { WorkbenchApi, WorkbenchMethod } from './methods.ts';
import { WorkbenchError } from './errors.ts';
import { EXPORT_EXTENSIONS, type ExportFormat } from './exports.ts';

// setTimeout fires at once past 2^31 - 1 ms (about 24.8 days).
const MAX_TIMER_MS = 2_147_483_647;

const id = z.string().min(1).max(200);
const snapshot = z.string().max(100);
const count = z.number().int().nonnegative();
const paramValue = z.union([z.string(), z.number(), z.bigint(), z.boolean(), z.null(), z.array(z.string()), z.array(z.number())]);
const params = z.record(z.string(), paramValue);
/** A panel's parameters: one left unset travels as `undefined` over IPC (JSON drops it). */
const panelParams = z.record(z.string(), paramValue.optional());
const timeoutMs = z.number().int().positive().max(MAX_TIMER_MS);
const sort = z.array(z.strictObject({ column: count, direction: z.enum(['asc', 'desc']) })).max(100);
const resultRef = { queryId: id, statementIndex: count };
const filter = z
  .array(
    z.union([
      z.strictObject({ column: count, op: z.enum(['equals', 'notEquals']), value: z.string().max(10_000) }),
      z.strictObject({ column: count, op: z.enum(['isNull', 'notNull']) }),
    ]),
  )
  .max(20);
const formats = Object.keys(EXPORT_EXTENSIONS) as [ExportFormat, ...ExportFormat[]];
const timestamp = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'deve ser uma data ISO (aaaa-mm-dd ou aaaa-mm-ddThh:mm:ssZ)');
const none = z.object({});
/** A page's id for the workspace (api/session.ts: WorkspacePage). */
const workspacePage = z.string().min(1).max(100);

const REQUESTS = {
  info: none,
  catalog: z.looseObject({ snapshot: snapshot.optional() }),
  runQuery: z.looseObject({ sql: z.string(), params: params.optional(), snapshot: snapshot.optional(), queryId: id.optional(), timeoutMs: timeoutMs.optional() }),
  cancelQuery: z.looseObject({ queryId: id }),
  fetchRows: z.looseObject({ ...resultRef, offset: count, limit: count, sort: sort.optional(), filter: filter.optional() }),
  releaseResult: z.looseObject({ queryId: id }),
  profileColumn: z.discriminatedUnion('kind', [
    z.looseObject({ kind: z.literal('result'), ...resultRef, column: count }),
    z.looseObject({ kind: z.literal('table'), snapshot: snapshot.optional(), table: z.string(), column: z.string() }),
  ]),
  complete: z.looseObject({ sql: z.string(), cursor: count, snapshot: snapshot.optional() }),
  listHistory: z.looseObject({ search: z.string().optional(), limit: z.number().int().positive().max(100_000).optional() }),
  loadWorkspace: z.looseObject({ page: workspacePage.optional() }),
  saveWorkspace: z.looseObject({
    page: workspacePage.optional(),
    tabs: z.array(z.looseObject({ id: z.string(), title: z.string(), sql: z.string() })),
    activeTabId: z.string().nullable(),
    locale: z.enum(['pt-BR', 'en']),
    theme: z.enum(['light', 'dark']),
    queryTimeoutSeconds: z.number().int().positive().max(MAX_TIMER_MS / 1000).optional(),
    timeZone: z.string().max(100).optional(),
    openTabs: z.looseObject({
      documents: z.array(z.looseObject({ path: z.string().max(4096), title: z.string().max(1000), mode: z.enum(['panel', 'notebook']) })).max(200),
      auditOpen: z.boolean(),
      snapshotsOpen: z.boolean().optional(),
      view: z.union([
        z.looseObject({ kind: z.literal('sql') }),
        z.looseObject({ kind: z.literal('document'), path: z.string().max(4096) }),
        z.looseObject({ kind: z.literal('audit') }),
        z.looseObject({ kind: z.literal('snapshots') }),
      ]),
    }).optional(),
  }),
  listDocuments: none,
  openDocument: z.looseObject({ path: z.string() }),
  saveDocument: z.looseObject({ path: z.string(), text: z.string() }),
  saveDocumentAs: z.looseObject({
    text: z.string(),
    title: z.string().max(500),
    owner: z.string().max(500).optional(),
    purpose: z.string().max(4000).optional(),
    fileName: z.string().max(200).optional(),
    overwrite: z.boolean().optional(),
  }),
  autosaveDocument: z.looseObject({ path: z.string(), text: z.string() }),
  discardDraft: z.looseObject({ path: z.string() }),
  runCell: z.looseObject({
    text: z.string(),
    path: z.string().optional(),
    cell: z.string(),
    params: panelParams.optional(),
    snapshot: snapshot.optional(),
    queryId: id.optional(),
    timeoutMs: timeoutMs.optional(),
  }),
  paramOptions: z.looseObject({ text: z.string(), param: z.string(), snapshot: snapshot.optional(), path: z.string().optional(), queryId: id.optional() }),
  unmaskResult: z.looseObject({ ...resultRef, purpose: z.string() }),
  listAudit: z.looseObject({
    user: z.string().optional(),
    action: z.enum(['query', 'run_panel', 'param_options', 'profile', 'export', 'unmask', 'open_snapshot', 'publish_snapshot', 'save_document']).optional(),
    from: timestamp.optional(),
    to: timestamp.optional(),
    limit: z.number().int().positive().max(100_000).optional(),
  }),
  exportResult: z.looseObject({
    ...resultRef,
    format: z.enum(formats),
    sort: sort.optional(),
    filter: filter.optional(),
    fileName: z.string().optional(),
    saveTarget: z.string().optional(),
    purpose: z.string().optional(),
    exportId: id.optional(),
  }),
  exportDocument: z.looseObject({
    text: z.string(),
    path: z.string().optional(),
    params: panelParams.optional(),
    snapshot: snapshot.optional(),
    format: z.literal('xlsx'),
    fileName: z.string().optional(),
    saveTarget: z.string().optional(),
    purpose: z.string().optional(),
    exportId: id.optional(),
  }),
  cancelExport: z.looseObject({ exportId: id }),
  exportStatus: z.looseObject({ exportId: id }),
  snapshotOverview: none,
  importMonth: z.looseObject({
    from: z.string().min(1).max(4096),
    date: z.string().max(20),
    publish: z.boolean(),
    motivo: z.string().max(2000).optional(),
    // Values are checked by the core, which names the table and the accepted values in Portuguese.
    dialects: z
      .record(
        z.string().max(200),
        z.looseObject({
          encoding: z.string().max(40).optional(),
          delimiter: z.string().max(10).optional(),
          decimalComma: z.boolean().optional(),
          dateFormat: z.string().max(40).optional(),
          header: z.boolean().optional(),
        }),
      )
      .optional(),
  }),
  diffSnapshots: z.looseObject({
    table: z.string().min(1).max(200),
    from: snapshot,
    to: snapshot,
    key: z.array(z.string().min(1).max(200)).max(20).optional(),
    queryId: id.optional(),
    timeoutMs: timeoutMs.optional(),
  }),
} satisfies { [M in WorkbenchMethod]: z.ZodType<Parameters<WorkbenchApi[M]>[0]> };

/** Refuses a request whose fields are not what the method takes, saying which field and why. */
export function checkRequest(method: WorkbenchMethod, request: unknown): void {
  const checked = REQUESTS[method].safeParse(request, { reportInput: true });
  if (checked.success) return;
  const problems = checked.error.issues.slice(0, 3).map(describeIssue);
  throw new WorkbenchError({ code: 'parameter', message: `Pedido inválido (${method}): ${problems.join('; ')}.` });
}

/** What an adapter runs for a request from outside: the check, then the method. */
export async function callWorkbench(api: WorkbenchApi, method: WorkbenchMethod, request: unknown): Promise<unknown> {
  checkRequest(method, request);
  const call = api[method] as (arg: unknown) => Promise<unknown>;
  return await call.call(api, request);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'texto',
  number: 'número',
  int: 'número inteiro',
  bigint: 'número inteiro',
  boolean: 'verdadeiro ou falso',
  array: 'lista',
  object: 'objeto',
  record: 'objeto',
  null: 'nulo',
};

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length > 0 ? `«${issue.path.map(String).join('.')}»` : 'o pedido';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${field} é obrigatório`;
      return `${field} deve ser ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return `${field} deve ser ${issue.origin === 'string' ? 'um texto não vazio' : `no mínimo ${String(issue.minimum)}`}`;
    case 'too_big':
      return `${field} passa do máximo (${String(issue.maximum)})`;
    case 'invalid_value':
      return `${field} deve ser ${issue.values.map((value) => `"${String(value)}"`).join(', ')}`;
    case 'invalid_union':
      return `${field} tem um valor de tipo não aceito`;
    case 'custom':
      return `${field} ${issue.message}`;
    default:
      return `${field} é inválido`;
  }
}
