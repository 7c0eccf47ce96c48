// A custom page of the store (/pkg-shop/pages/page/index?id=<page id>): links of kind "page" open it.
import { defineStorePage } from "../../../core/store-page-component.ts";

defineStorePage({ which: (query) => (query.id ? { id: query.id } : null), titleFrom: "page" });
