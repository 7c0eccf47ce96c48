// Strings of the phone preview (/preview/:token), zh-CN and en side by side, registered under
// "preview" on import.
import { registerMessages } from "../i18n/index.ts";

const zh = {
  documentTitle: "{{title}} - 预览",
  badge: "预览",
  expiredTitle: "预览链接已过期",
  expired: "预览链接的有效期为 10 分钟。请在设计器中点击“手机预览”，重新扫描二维码。",
  expiredBanner: "预览链接已过期，页面不再更新。请在设计器中重新扫码。",
  invalidTitle: "预览链接无效",
  invalid: "这个链接不是有效的预览链接。请在设计器中点击“手机预览”，扫描新的二维码。",
  missingTitle: "页面不存在",
  missing: "这个页面已被删除。",
  offline: "连接中断，正在重试…",
  failedTitle: "预览加载失败",
  retry: "重试",
};

const en = {
  documentTitle: "{{title}} - preview",
  badge: "Preview",
  expiredTitle: "This preview link has expired",
  expired: "Preview links last 10 minutes. In the designer, click “Phone preview” and scan the QR code again.",
  expiredBanner: "The preview link expired: this page no longer updates. Scan the QR code in the designer again.",
  invalidTitle: "This preview link is not valid",
  invalid: "This is not a valid preview link. In the designer, click “Phone preview” and scan the new QR code.",
  missingTitle: "Page not found",
  missing: "This page has been deleted.",
  offline: "Connection lost, retrying…",
  failedTitle: "The preview could not be loaded",
  retry: "Retry",
};

registerMessages("preview", zh, en);
