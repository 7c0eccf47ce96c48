// 确认订单 (placeholder until its part of issue 9 is built).
import { definePlaceholderPage } from "../../../core/placeholder-page.ts";

definePlaceholderPage({ title: "确认订单" });
