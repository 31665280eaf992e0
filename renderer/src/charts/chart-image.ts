// A drawn chart as one image with a name for assistive technology. Observable Plot writes
// aria-label on its <g> groups ("bar", "x-axis tick", "tip"), which ARIA does not allow on an
// element with no role: the host becomes role="img" with the chart's name (its parts are then
// presentational), and each labelled group gets role="group", which allows its label; also the
// tip Plot draws again under the pointer.
function groupLabelled(host: HTMLElement): void {
  for (const element of host.querySelectorAll('svg [aria-label]:not([role])')) element.setAttribute('role', 'group');
}

/** Names `host` as one image and keeps Plot's labelled parts valid ARIA; returns the stop. */
export function asOneImage(host: HTMLElement, name: string): () => void {
  host.setAttribute('role', 'img');
  host.setAttribute('aria-label', name);
  groupLabelled(host);
  const observer = new MutationObserver(() => groupLabelled(host));
  observer.observe(host, { childList: true, subtree: true });
  return () => observer.disconnect();
}
