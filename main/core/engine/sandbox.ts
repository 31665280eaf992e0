// The sandbox, as ordered SET statements run once on a fresh instance. The order matters:
// allowed_directories must be set while external access is still on, and
// lock_configuration comes last, after which nothing can be SET or RESET except the
// allowed_configs (kept changeable per connection: the snapshot a query reads is chosen
// with search_path).
import { quotedString } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';

export interface SandboxSettings {
  /** Directories DuckDB may read: the snapshots root and the app-private temp folder. */
  allowedDirectories: string[];
  maxTempDirectorySize: string;
}

export const PER_CONNECTION_SETTINGS = ['enable_progress_bar', 'search_path'] as const;

function withTrailingSlash(directory: string): string {
  return directory.endsWith('/') ? directory : `${directory}/`;
}

export function sandboxStatements(settings: SandboxSettings): string[] {
  const directories = settings.allowedDirectories.map((directory) => quotedString(withTrailingSlash(directory)));
  return [
    // A progress bar printed on the terminal is never wanted from a library.
    'SET enable_progress_bar_print = false',
    `SET allowed_directories = [${directories.join(', ')}]`,
    'SET enable_external_access = false',
    // Enforced only by SET: the create() option is accepted and ignored.
    `SET max_temp_directory_size = ${quotedString(settings.maxTempDirectorySize)}`,
    `SET allowed_configs = [${PER_CONNECTION_SETTINGS.map((name) => quotedString(name)).join(', ')}]`,
    'SET lock_configuration = true',
  ];
}

export async function applySandbox(connection: DuckDBConnection, settings: SandboxSettings): Promise<void> {
  for (const statement of sandboxStatements(settings)) await connection.run(statement);
}
