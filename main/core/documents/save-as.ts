// "Salvar como…": a notebook written into the queries folder under a plain file name made
// from its title, with its title, owner and description in the front matter. Pure (the core
// writes the file, the renderer shows the name it will get), so both sides agree on the name.
import { WorkbenchError } from '../api/errors.ts';
import { setFrontMatterValue } from './edit.ts';
import { parseDocument } from './parse.ts';
import { serializeDocument } from './serialize.ts';

export interface DocumentIdentity {
  title: string;
  /** The secretariat that owns it (front matter `owner`); empty removes it. */
  owner?: string;
  /** What it is for (front matter `purpose`, the gallery's description); empty removes it. */
  purpose?: string;
}

const MAX_NAME_LENGTH = 80;
/** A plain name of the queries folder: no folder, no leading dot, nothing a shell or Windows reads specially. */
const PLAIN_NAME = /^[a-z0-9][a-z0-9_-]*\.md$/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/** `Fila da creche — Jundiapeba` → `fila-da-creche-jundiapeba.md`; '' when the title has no letter or digit. */
export function fileNameForTitle(title: string): string {
  const stem = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/^-+|-+$/g, '');
  if (stem === '') return '';
  return `${WINDOWS_DEVICE.test(stem) ? `${stem}-1` : stem}.md`;
}

function filled(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function refuse(code: 'parameter' | 'not_allowed', message: string): WorkbenchError {
  return new WorkbenchError({ code, message });
}

/** The file name asked for (`.md` added when left out), or a refusal: a plain name inside the queries folder only. */
export function checkedFileName(name: string): string {
  const trimmed = name.trim();
  const withExtension = /\.md$/i.test(trimmed) ? trimmed.replace(/\.md$/i, '.md') : `${trimmed}.md`;
  if (/[\\/]/.test(trimmed) || trimmed.startsWith('.')) {
    throw refuse('not_allowed', `Nome de arquivo inválido: "${name}". Use só um nome, sem pastas: o notebook fica na pasta de consultas.`);
  }
  if (!PLAIN_NAME.test(withExtension) || withExtension.length > MAX_NAME_LENGTH + 3) {
    throw refuse('parameter', `Nome de arquivo inválido: "${name}". Use letras minúsculas sem acento, dígitos, - e _ (por exemplo fila-creche.md).`);
  }
  return withExtension;
}

/**
 * The file name and the text to write: the identity set in the front matter (every other byte
 * as it was), refused with a pt-BR message when the title is empty or the notebook has a problem.
 */
export function prepareSaveAs(text: string, identity: DocumentIdentity, fileName?: string): { fileName: string; text: string } {
  const title = identity.title.trim();
  if (title === '') throw refuse('parameter', 'Informe um título: é o nome do painel na galeria.');
  const name = fileName !== undefined && fileName.trim() !== '' ? checkedFileName(fileName) : fileNameForTitle(title);
  if (name === '') throw refuse('parameter', 'O título precisa de ao menos uma letra ou um dígito: o nome do arquivo vem dele.');
  let doc = parseDocument(text, name, { tolerant: true });
  // In the curated files' order (title, owner, purpose, then the rest); a value that already
  // says so is left alone, byte for byte.
  const fields: [string, string | undefined][] = [['title', title], ['owner', filled(identity.owner)], ['purpose', filled(identity.purpose)]];
  for (const [key, value] of fields) {
    if (doc.frontMatter?.data[key] === value) continue;
    const after = key === 'purpose' && doc.frontMatter?.data.owner !== undefined ? 'owner' : 'title';
    doc = setFrontMatterValue(doc, [key], value, key === 'title' ? undefined : after);
  }
  const problem = doc.problems[0];
  if (problem) throw refuse('parameter', `O notebook tem um problema na linha ${problem.line}: ${problem.message}. Corrija-o e salve de novo.`);
  return { fileName: name, text: serializeDocument(doc) };
}
