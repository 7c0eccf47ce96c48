// The rich-text allowlist: what a merchant may keep, and the tricks that must not survive.
import { describe, expect, it } from "vitest";
import { sanitizeDetailHtml as clean } from "./sanitize-detail-html.ts";

describe("keeps rich text", () => {
  it("headings, lists, tables, emphasis, links and http(s) images", () => {
    const html =
      '<h2>产地</h2><p><strong>杭州</strong> <em>西湖</em></p><ul><li>一</li></ul><ol start="2"><li>二</li></ol>' +
      '<table><thead><tr><th scope="col">规格</th></tr></thead><tbody><tr><td colspan="2">50g</td></tr></tbody></table>' +
      '<p><img src="https://cdn.test/a.png" alt="茶" width="300"></p>';
    expect(clean(html)).toBe(
      '<h2>产地</h2><p><strong>杭州</strong> <em>西湖</em></p><ul><li>一</li></ul><ol start="2"><li>二</li></ol>' +
        '<table><thead><tr><th scope="col">规格</th></tr></thead><tbody><tr><td colspan="2">50g</td></tr></tbody></table>' +
        '<p><img src="https://cdn.test/a.png" alt="茶" width="300" /></p>',
    );
  });

  it("links to http, https and mailto, marked nofollow", () => {
    expect(clean('<a href="https://shop.test/x" target="_blank" rel="opener">x</a>')).toBe(
      '<a href="https://shop.test/x" rel="nofollow noopener noreferrer">x</a>',
    );
    expect(clean('<a href="mailto:hi@shop.test">m</a>')).toContain('href="mailto:hi@shop.test"');
  });
});

describe("removes what could run or load foreign content", () => {
  const cases: [string, string][] = [
    ["script", "<p>hi<script>alert(1)</script></p>"],
    ["event handler", '<p onclick="alert(1)" onmouseover="alert(2)">hi</p>'],
    ["onerror on an image", '<img src="https://cdn.test/a.png" onerror="alert(1)">'],
    ["image with a bad src and onerror", "<img src=x onerror=alert(1)>"],
    ["javascript: link", '<a href="javascript:alert(1)">x</a>'],
    ["mixed-case javascript:", '<a href="JaVaScRiPt:alert(1)">x</a>'],
    ["entity-encoded javascript:", '<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ["padded javascript:", '<a href="  javascript:alert(1)">x</a>'],
    ["data: link", '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
    ["data: image", '<img src="data:image/png;base64,iVBORw0KGgo=">'],
    ["data:image svg", '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">'],
    ["vbscript:", '<a href="vbscript:msgbox(1)">x</a>'],
    ["protocol-relative image", '<img src="//evil.test/x.png">'],
    ["iframe", '<iframe src="https://evil.test"></iframe>'],
    ["style element and attribute", '<style>body{display:none}</style><p style="position:fixed">s</p>'],
    ["object/embed", '<object data="x.swf"></object><embed src="x.swf">'],
    ["svg with script", "<svg><script>alert(1)</script><a href='javascript:alert(1)'>x</a></svg>"],
    ["split script tag", "<scr<script>ipt>alert(1)</scr</script>ipt>"],
    ["unclosed tag trick", "<<img src=x onerror=alert(1)//<"],
    ["noscript attribute breakout", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
    ["form and input", '<form action="https://evil.test"><input name="p"><button>go</button></form>'],
    ["meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.test">'],
  ];
  for (const [name, html] of cases) {
    it(name, () => {
      const out = clean(html);
      expect(out).not.toMatch(/<script|<style|<iframe|<object|<embed|<svg|<form|<input|<meta/i);
      expect(out).not.toMatch(/\son\w+\s*=/i);
      expect(out).not.toMatch(/javascript:|vbscript:|data:/i);
      expect(out).not.toMatch(/style=/i);
      expect(out).not.toMatch(/src="(?!https?:\/\/)/i);
    });
  }

  it("keeps the text of a link whose href is refused, and drops relative links", () => {
    expect(clean('<a href="javascript:alert(1)">x</a>')).toBe("<a>x</a>");
    expect(clean('<a href="/relative">r</a>')).toBe("<a>r</a>");
  });
});
