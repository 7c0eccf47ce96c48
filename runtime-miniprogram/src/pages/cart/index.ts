// 购物车 (placeholder until its part of issue 9 is built).
import { definePlaceholderPage } from "../../core/placeholder-page.ts";

definePlaceholderPage({ title: "购物车", tab: "cart" });
