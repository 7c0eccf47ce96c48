// Server-side cleaning of a product's rich-text detail: an allowlist of text, heading, list, table,
// link and image markup; everything else (scripts, styles, frames, event handlers, foreign URLs) goes.
import sanitizeHtml from "sanitize-html";

const HTTP_URL = /^https?:\/\/[^\s/]/i;
const LINK_URL = /^(https?:\/\/[^\s/]|mailto:[^\s])/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "del",
    "sub",
    "sup",
    "small",
    "span",
    "div",
    "blockquote",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "a",
    "img",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    th: ["colspan", "rowspan", "scope"],
    td: ["colspan", "rowspan"],
    col: ["span"],
    colgroup: ["span"],
    ol: ["start"],
  },
  // Only absolute http(s) images and http(s)/mailto links survive: no javascript:, data:, vbscript:,
  // blob: or relative URLs (the detail is shown inside the mini-program, where relative means nothing).
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Text inside these is code or data, never content: drop it with the element.
  nonTextTags: [
    "script",
    "style",
    "textarea",
    "option",
    "noscript",
    "iframe",
    "object",
    "embed",
    "template",
    "svg",
    "math",
  ],
  transformTags: {
    a: (tagName, attribs) => {
      const { href, rel: _ignored, ...rest } = attribs;
      const keep = href !== undefined && LINK_URL.test(href.trim());
      return {
        tagName,
        attribs: keep ? { ...rest, href: href.trim(), rel: "nofollow noopener noreferrer" } : rest,
      };
    },
  },
  exclusiveFilter: (frame) => frame.tag === "img" && !HTTP_URL.test((frame.attribs.src ?? "").trim()),
};

/** The detail HTML a product may store and a storefront may render as is. */
export function sanitizeDetailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
