// Home tab: the store's published home page.
import { defineStorePage } from "../../core/store-page-component.ts";

defineStorePage({ which: () => "home", tab: "home", titleFrom: "store" });
