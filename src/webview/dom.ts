/** A small element builder for the panel (no framework): text is always set as text, never parsed as HTML. */

export type Child = Node | string | number | false | null | undefined;

export interface Props {
  class?: string;
  /** `data-testid`: the e2e tests read the rendered text of these elements. */
  testid?: string;
  attrs?: Record<string, string>;
  onClick?: () => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.testid) el.dataset.testid = props.testid;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  if (props.onClick) el.addEventListener("click", props.onClick);
  append(el, children);
  return el;
}

export function append(el: Element, children: readonly Child[]): void {
  for (const c of children) {
    if (c === false || c === null || c === undefined) continue;
    el.append(typeof c === "number" ? String(c) : c);
  }
}

/** A codicon (from @vscode/codicons, bundled with the panel's stylesheet); decorative unless labelled. */
export function icon(name: string, label?: string): HTMLSpanElement {
  const el = h("span", { class: `codicon codicon-${name}` });
  if (label) {
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", label);
  } else el.setAttribute("aria-hidden", "true");
  return el;
}

const SVG = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (SVGElement | null)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c);
  return el;
}
