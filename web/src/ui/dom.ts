/**
 * Small DOM helpers: every element is built with createElement and textContent, never from HTML
 * text, so nothing a file says can become markup.
 */

type Child = Node | string | null | undefined | false;

/** An element with attributes (strings; `true` for a present boolean attribute) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** The element with this id; a missing one is a bug of the page (index.html and the code disagree). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`The page has no #${id}`);
  return element as T;
}

export function clear(element: Element): void {
  element.replaceChildren();
}

const SVG = 'http://www.w3.org/2000/svg';

/** Line icons (24×24, stroked), drawn beside words: colour is never the only signal. */
const ICONS = {
  check: ['M4.5 12.5l5 5L19.5 7'],
  cross: ['M6 6l12 12', 'M18 6L6 18'],
  warning: ['M12 3.5 2.5 20h19L12 3.5z', 'M12 10v4.5', 'M12 17.2v.3'],
  info: ['M12 11v6', 'M12 7.2v.3'],
  question: ['M9.2 9a3 3 0 1 1 4.3 2.7c-.9.5-1.5 1.2-1.5 2.3', 'M12 17.2v.3'],
  file: ['M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8l-5-5z', 'M14 3v5h5'],
  minus: ['M7 12h10'],
  clock: ['M12 7v5l3 2'],
  download: ['M12 4v11', 'M7.5 10.5 12 15l4.5-4.5', 'M5 19.5h14'],
  remove: ['M6 6l12 12', 'M18 6L6 18'],
  shield: ['M12 3 4.5 6v5.5c0 4.6 3.2 8.3 7.5 9.5 4.3-1.2 7.5-4.9 7.5-9.5V6L12 3z'],
} as const;

export type IconName = keyof typeof ICONS;

/** Icons drawn in a circle. */
const CIRCLED: ReadonlySet<IconName> = new Set(['info', 'question', 'clock']);

export function icon(name: IconName, className = 'icon'): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  if (CIRCLED.has(name)) {
    const circle = document.createElementNS(SVG, 'circle');
    circle.setAttribute('cx', '12');
    circle.setAttribute('cy', '12');
    circle.setAttribute('r', '9');
    svg.appendChild(circle);
  }
  for (const d of ICONS[name]) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }
  return svg;
}
