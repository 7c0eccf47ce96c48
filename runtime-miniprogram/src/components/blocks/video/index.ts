// video: one video with a poster picture (autoplay is always muted).
import { defineBlockComponent } from "../../../core/define-block.ts";
import { presentVideo } from "./present.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({ type, properties, propNames, observed, present: presentVideo });
