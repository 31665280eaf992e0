// What a person sees instead of a bare "401" when the browser has no live session: an old
// link, an expired session, or an address of an earlier run. Static text only (no script, no
// data of this run), so it may be shown to any request that reached the server.

/** Why there is no session, as far as the server can tell. */
export type SessionEndedReason =
  /** A cookie that names no live session: it expired, or the server was restarted. */
  | 'expired'
  /** A launch link whose token is not this run's, or an address of an earlier run. */
  | 'old-link'
  /** No cookie and no token: e.g. a bookmark without the printed address's token. */
  | 'missing';

const REASON_TEXT: Record<SessionEndedReason, string> = {
  expired: 'A sessão deste navegador expirou (ficou tempo demais sem uso) ou o Mirante foi reiniciado.',
  'old-link': 'Este endereço é de uma execução anterior do Mirante: cada execução imprime um endereço novo.',
  missing: 'Este navegador ainda não tem uma sessão aberta com esta execução do Mirante.',
};

export function sessionEndedPage(reason: SessionEndedReason): string {
  return `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sessão encerrada · Mirante</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; color: #1f2933; background: #f5f7fa; margin: 0; }
  main { max-width: 38rem; margin: 12vh auto; padding: 2rem 2.5rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  code { background: #eef1f4; padding: .1rem .35rem; border-radius: 4px; }
</style>
</head>
<body>
<main data-testid="session-ended">
<h1>A sessão do Mirante terminou</h1>
<p>${REASON_TEXT[reason]}</p>
<p>Para abrir uma nova sessão:</p>
<ol>
  <li>No terminal onde o Mirante roda, procure a linha <code>Mirante no navegador: http://m-….localhost:…/?token=…</code> e abra esse endereço.</li>
  <li>Se o Mirante não estiver mais rodando, inicie-o de novo com <code>npm start</code> (ou <code>mirante serve</code>) e abra o endereço que ele imprimir.</li>
</ol>
<p>Por segurança, o endereço muda a cada execução e a sessão expira depois de um tempo sem uso.</p>
</main>
</body>
</html>
`;
}
