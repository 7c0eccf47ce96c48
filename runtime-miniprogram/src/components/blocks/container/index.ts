// container: its padding and background around its children (rendered by the nested block-renderer
// in the slot), laid out in 1 to 4 columns.
import { defineBlockComponent } from "../../../core/define-block.ts";
import { presentContainer } from "./present.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({ type, properties, propNames, observed, present: presentContainer });
