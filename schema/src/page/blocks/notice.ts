// notice: a one-line announcement that scrolls when it is longer than the screen.
import { z } from "zod";
import { ZOptionalLink } from "../links.ts";
import { defineBlock } from "../registry.ts";
import { ZColor } from "../theme.ts";

export const notice = defineBlock({
  type: "notice",
  label: { en: "Announcement", zh: "公告" },
  icon: "speakerphone",
  group: "text",
  props: z.strictObject({
    text: z.string().trim().max(200).default("公告内容"),
    link: ZOptionalLink,
    textColor: ZColor.default("#ed6a0c"),
    background: ZColor.default("#fffbe8"),
    /** Scrolling speed, px per second. */
    speed: z.number().int().min(20).max(200).default(60),
    showIcon: z.boolean().default(true),
  }),
  bindings: [],
  children: false,
  limits: { maxPerPage: 3 },
  inspector: {
    text: { widget: "textarea", label: { en: "Text", zh: "公告内容" }, maxLength: 200 },
    link: { widget: "link", label: { en: "Link", zh: "链接" } },
    textColor: { widget: "color", label: { en: "Text colour", zh: "文字颜色" } },
    background: { widget: "color", label: { en: "Background", zh: "背景色" } },
    speed: { widget: "number", label: { en: "Speed", zh: "滚动速度" }, min: 20, max: 200, step: 10, unit: "px/s" },
    showIcon: { widget: "switch", label: { en: "Speaker icon", zh: "显示图标" } },
  },
  display: (p) => ({
    text: p.text,
    link: p.link,
    color: p.textColor,
    background: p.background,
    speed: p.speed,
    icon: p.showIcon ? "volume" : null,
  }),
});
