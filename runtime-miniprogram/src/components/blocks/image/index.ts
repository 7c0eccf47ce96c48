// image: one picture, full width or padded, optionally linked.
import { defineBlockComponent } from "../../../core/define-block.ts";
import { presentImage } from "./present.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({ type, properties, propNames, observed, present: presentImage });
