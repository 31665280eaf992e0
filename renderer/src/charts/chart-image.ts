// A drawn chart as one image with a name for assistive technology. Observable Plot writes
// aria-label on its <g> groups ("bar", "x-axis tick", "tip"), which ARIA does not allow on an
// element with no role; the host becomes role="img" with the chart's name, and the groups' labels
// go, also from the tip Plot draws again under the pointer.
const LABELS = ['aria-label', 'aria-description'];

function strip(host: HTMLElement): void {
  for (const attribute of LABELS) for (const element of host.querySelectorAll(`svg [${attribute}], svg[${attribute}]`)) element.removeAttribute(attribute);
}

/** Names `host` as one image and keeps Plot's labels off its parts; returns the stop. */
export function asOneImage(host: HTMLElement, name: string): () => void {
  host.setAttribute('role', 'img');
  host.setAttribute('aria-label', name);
  strip(host);
  const observer = new MutationObserver(() => strip(host));
  observer.observe(host, { childList: true, subtree: true });
  return () => observer.disconnect();
}
