// 收货地址 (placeholder until its part of issue 9 is built).
import { definePlaceholderPage } from "../../../core/placeholder-page.ts";

definePlaceholderPage({ title: "收货地址" });
