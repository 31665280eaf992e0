import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Workspace } from '../../main/core/api/index.ts';
import { App } from './app/App.tsx';
import { QueryStore } from './app/query-store.ts';
import { ClientContext } from './client/client-context.ts';
import { pickClient } from './client/pick-client.ts';
import { PAGE_ID, newTabId } from './app/workspace.ts';
import { translator } from './i18n/i18n.ts';
import './results/grid-setup.ts';
import './styles/base.css';
import './styles/workbench.css';
import './styles/documents.css';
import './styles/dialogs.css';

const STARTER_SQL = 'select *\nfrom pessoa\nlimit 100\n';

function freshWorkspace(): Workspace {
  const id = newTabId();
  return { tabs: [{ id, title: translator('pt-BR')('queryTitle', { n: 1 }), sql: STARTER_SQL }], activeTabId: id, locale: 'pt-BR', theme: 'light' };
}

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const client = pickClient();
  try {
    const [info, saved] = await Promise.all([client.info({}), client.loadWorkspace({ page: PAGE_ID }).catch(() => null)]);
    const workspace = saved && saved.tabs.length > 0 ? saved : { ...freshWorkspace(), ...(saved ? { locale: saved.locale, theme: saved.theme } : {}) };
    document.documentElement.dataset.theme = workspace.theme;
    const store = new QueryStore(client);
    root.render(
      <StrictMode>
        <ClientContext.Provider value={client}>
          <App store={store} info={info} workspace={workspace} />
        </ClientContext.Provider>
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <div className="fatal">
        <h1>Mirante</h1>
        <p>{translator('pt-BR')('connectionLost')}</p>
        <pre>{error instanceof Error ? error.message : String(error)}</pre>
      </div>,
    );
  }
}

void start();
