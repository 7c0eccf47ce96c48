// 订单详情 (placeholder until its part of issue 9 is built).
import { definePlaceholderPage } from "../../../core/placeholder-page.ts";

definePlaceholderPage({ title: "订单详情" });
