// Calls `ask` whenever the window regains focus or the page comes back into view, and every
// `everyMs`: how the renderer notices what changed on disk while it was open (a published
// snapshot, a notebook saved elsewhere) without a push channel. Returns the unsubscribe.
export function whenPageReturns(ask: () => void, everyMs: number): () => void {
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') ask();
  };
  window.addEventListener('focus', ask);
  document.addEventListener('visibilitychange', onVisible);
  const timer = window.setInterval(ask, everyMs);
  return () => {
    window.removeEventListener('focus', ask);
    document.removeEventListener('visibilitychange', onVisible);
    window.clearInterval(timer);
  };
}
