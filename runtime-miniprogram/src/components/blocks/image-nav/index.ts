// image-nav: an icon grid of linked shortcuts, wrapping or in one row that scrolls sideways.
import { defineBlockComponent } from "../../../core/define-block.ts";
import { presentImageNav } from "./present.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({ type, properties, propNames, observed, present: presentImageNav });
