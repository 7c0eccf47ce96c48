// store-header: the store's name and logo over a background, with an optional search box.
import { defineBlockComponent } from "../../../core/define-block.ts";
import { ROUTES } from "../../../core/links.ts";
import { getRuntime } from "../../../core/runtime.ts";
import { presentStoreHeader } from "./present.ts";
import { observed, properties, propNames, type } from "./properties.ts";

defineBlockComponent({
  type,
  properties,
  propNames,
  observed,
  present: presentStoreHeader,
  methods: {
    onSearchTap() {
      getRuntime().wx.navigateTo({ url: ROUTES.search });
    },
  },
});
