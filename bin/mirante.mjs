#!/usr/bin/env node
// The `mirante` command: runs the TypeScript CLI through tsx, so no build step stands
// between `npm install` and `npx mirante`.
import { register } from 'tsx/esm/api';

process.env.UV_THREADPOOL_SIZE ??= '16';
register();
await import('../main/cli/index.ts');
