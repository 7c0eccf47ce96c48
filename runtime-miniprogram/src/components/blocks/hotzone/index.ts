// hotzone: one picture with linked areas on it.
import { defineBlockComponent } from "../../../core/define-block.ts";
import { presentHotzone } from "./present.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({ type, properties, propNames, observed, present: presentHotzone });
