// notice: a one-line announcement that scrolls when it is longer than the screen.
import { defineBlockComponent } from "../../../core/define-block.ts";
import { presentNotice } from "./present.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({ type, properties, propNames, observed, present: presentNotice });
