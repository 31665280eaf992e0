// A drawn chart as a file: the SVG as it is (colours resolved), or a PNG drawn on a canvas.
function chartSvg(host: HTMLElement): SVGSVGElement | null {
  const svgs = [...host.querySelectorAll('svg')];
  return svgs.find((svg) => !svg.closest('.plot-swatches, [class$="-swatches"]')) ?? svgs.at(-1) ?? null;
}

function standalone(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const style = getComputedStyle(svg);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.style.color = style.color;
  copy.style.background = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff';
  copy.style.fontFamily = style.fontFamily;
  return new XMLSerializer().serializeToString(copy);
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportSvg(host: HTMLElement, baseName: string): void {
  const svg = chartSvg(host);
  if (svg) download(new Blob([standalone(svg)], { type: 'image/svg+xml' }), `${baseName}.svg`);
}

export async function exportPng(host: HTMLElement, baseName: string): Promise<void> {
  const svg = chartSvg(host);
  if (!svg) return;
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  const url = URL.createObjectURL(new Blob([standalone(svg)], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('svg'));
      image.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) download(blob, `${baseName}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
