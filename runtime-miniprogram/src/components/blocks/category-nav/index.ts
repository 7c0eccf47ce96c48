// category-nav: shortcuts to catalog categories, as an icon grid or a row of tabs.
import { defineBlockComponent } from "../../../core/define-block.ts";
import { presentCategoryNav } from "./present.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({ type, properties, propNames, observed, present: presentCategoryNav });
