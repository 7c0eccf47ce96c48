// carousel: a swiper of linked slides, with autoplay and dots, bars or "n/m" as the indicator.
import { type BlockInstance, defineBlockComponent } from "../../../core/define-block.ts";
import { presentCarousel } from "./present.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({
  type,
  properties,
  propNames,
  observed,
  present: presentCarousel,
  data: { current: 0 },
  methods: {
    onSlideChange(this: BlockInstance, e: { detail: { current: number } }) {
      this.setData({ current: e.detail.current });
    },
  },
});
