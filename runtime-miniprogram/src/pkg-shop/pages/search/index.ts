// 搜索 (placeholder until its part of issue 9 is built).
import { definePlaceholderPage } from "../../../core/placeholder-page.ts";

definePlaceholderPage({ title: "搜索" });
