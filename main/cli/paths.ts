import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, so `--data` defaults to its sample-data wherever the command is run from. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const defaultDataDir = path.join(projectRoot, 'sample-data');

/** The curated notebooks and panels (the workbench's gallery). */
export const projectQueriesDir = path.join(projectRoot, 'queries');
