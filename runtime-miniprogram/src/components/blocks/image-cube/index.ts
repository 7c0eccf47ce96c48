// image-cube: two to four linked pictures in a fixed layout.
import { defineBlockComponent } from "../../../core/define-block.ts";
import { presentImageCube } from "./present.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({ type, properties, propNames, observed, present: presentImageCube });
