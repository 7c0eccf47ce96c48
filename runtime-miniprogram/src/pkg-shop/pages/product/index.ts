// 商品详情 (/pkg-shop/pages/product/index?id=<product id>): GET /store/v1/products/{id}; gallery
// carousel (and video), price range, the SKU picker sheet (shared/sku-picker.ts: values whose every
// combination is sold out or missing are disabled), add to cart, buy now (checkout with that line
// selected), share.
import type { TStoreProductDetail } from "@mallwright/schema";
import { ROUTES } from "../../../core/links.ts";
import type { ApiError } from "../../../core/request.ts";
import { getRuntime } from "../../../core/runtime.ts";
import { addToCart, definePage, pageThemeStyle, STORE, selectOnly } from "../../../core/shop.ts";
import {
  initialSelection,
  type PickerState,
  pickerState,
  priceRange,
  type Selection,
  toggleValue,
  yuan,
} from "../../../shared/sku-picker.ts";

/** Most gallery images the carousel shows. */
const GALLERY_MAX = 9;
/** Most units one tap adds (the cart line's own limit is 999). */
const QUANTITY_MAX = 99;

interface ProductInstance {
  data: { quantity: number; sheetMode: "cart" | "buy"; title: string };
  setData(d: Record<string, unknown>): void;
  _id?: string;
  _product?: TStoreProductDetail;
  _selection?: Selection;
  _busy?: boolean;
  load(): Promise<void>;
  renderPicker(): void;
  picked(): PickerState;
}

type TapEvent = { currentTarget: { dataset: Record<string, string | undefined> } };

/** What the sheet shows for a picker state. */
export function presentPicker(product: TStoreProductDetail, state: PickerState) {
  const sku = state.sku;
  let stockText = "";
  if (sku) {
    if (sku.stockState === "out_of_stock") stockText = "已售罄";
    else if (sku.stockLeft !== null) stockText = `仅剩${sku.stockLeft}件`;
    else stockText = "有货";
  } else if (state.missing.length === 0) stockText = "该规格暂无";
  return {
    dims: state.dimensions.map((d, i) => ({
      index: i,
      name: d.name,
      values: d.values.map((v) => ({ value: v.value, cls: v.selected ? "value-on" : v.disabled ? "value-off" : "" })),
    })),
    skuPrice: sku ? yuan(sku.price) : priceRange(state.priceMin, state.priceMax),
    skuImage: sku?.image ?? product.images[0] ?? "",
    stockText,
    chosenText:
      state.missing.length > 0
        ? `请选择 ${state.missing.join(" ")}`
        : sku
          ? `已选：${sku.specValues.join(" ") || "默认"}`
          : "该规格暂无",
    canConfirm: state.buyable,
  };
}

definePage({
  data: {
    status: "loading",
    pageStyle: "",
    title: "",
    subtitle: "",
    images: [] as string[],
    video: "",
    priceText: "",
    salesText: "",
    detailHtml: "",
    soldOut: false,
    sheetOpen: false,
    sheetMode: "cart",
    quantity: 1,
    dims: [],
    skuPrice: "",
    skuImage: "",
    stockText: "",
    chosenText: "",
    canConfirm: false,
  },
  methods: {
    onLoad(this: ProductInstance, query: Record<string, string | undefined> = {}) {
      const runtime = getRuntime();
      this._id = query.id;
      this.setData({ pageStyle: pageThemeStyle(runtime) });
      if (!this._id) {
        this.setData({ status: "empty" });
        return;
      }
      void this.load();
    },
    async load(this: ProductInstance) {
      const runtime = getRuntime();
      try {
        const product = await runtime.api.get<TStoreProductDetail>(
          `${STORE}/products/${encodeURIComponent(this._id ?? "")}`,
          { quiet: [404] },
        );
        this._product = product;
        this._selection = initialSelection(product);
        this.setData({
          status: "ready",
          title: product.title,
          subtitle: product.subtitle,
          images: product.images.slice(0, GALLERY_MAX),
          video: product.video ?? "",
          priceText: priceRange(product.priceMin, product.priceMax),
          salesText: product.salesCount > 0 ? `已售 ${product.salesCount}` : "",
          detailHtml: product.detailHtml,
          soldOut: !product.skus.some((s) => s.stockState !== "out_of_stock"),
        });
        this.renderPicker();
        runtime.wx.setNavigationBarTitle({ title: product.title });
      } catch (err) {
        this.setData({ status: (err as ApiError).status === 404 ? "empty" : "error" });
      }
    },
    picked(this: ProductInstance): PickerState {
      return pickerState(this._product as TStoreProductDetail, this._selection ?? []);
    },
    renderPicker(this: ProductInstance) {
      if (!this._product) return;
      this.setData(presentPicker(this._product, this.picked()));
    },
    onRetry(this: ProductInstance) {
      this.setData({ status: "loading" });
      void this.load();
    },
    onOpenSheet(this: ProductInstance, e: TapEvent) {
      this.setData({ sheetOpen: true, sheetMode: e.currentTarget.dataset.mode === "buy" ? "buy" : "cart" });
    },
    onCloseSheet(this: ProductInstance) {
      this.setData({ sheetOpen: false });
    },
    onPick(this: ProductInstance, e: TapEvent) {
      if (!this._product) return;
      const index = Number(e.currentTarget.dataset.dim);
      const value = e.currentTarget.dataset.value ?? "";
      this._selection = toggleValue(this._product, this._selection ?? [], index, value);
      this.renderPicker();
    },
    onMinus(this: ProductInstance) {
      this.setData({ quantity: Math.max(1, this.data.quantity - 1) });
    },
    onPlus(this: ProductInstance) {
      const sku = this.picked().sku;
      const max = sku?.stockLeft ?? QUANTITY_MAX;
      this.setData({ quantity: Math.min(max, QUANTITY_MAX, this.data.quantity + 1) });
    },
    async onConfirm(this: ProductInstance) {
      const runtime = getRuntime();
      const state = this.picked();
      if (!state.sku || !state.buyable) {
        runtime.wx.showToast({
          title: state.missing.length > 0 ? `请选择${state.missing.join("、")}` : "该规格已售罄",
          icon: "none",
        });
        return;
      }
      if (this._busy) return;
      this._busy = true;
      try {
        const cart = await addToCart(runtime, state.sku.id, this.data.quantity);
        this.setData({ sheetOpen: false });
        if (this.data.sheetMode === "buy") {
          await selectOnly(runtime, cart, state.sku.id);
          runtime.wx.navigateTo({ url: ROUTES.checkout });
        } else {
          runtime.wx.showToast({ title: "已加入购物车", icon: "success" });
        }
      } catch {
        // The request layer showed why.
      } finally {
        this._busy = false;
      }
    },
    onGoCart() {
      getRuntime().wx.switchTab({ url: ROUTES.cart });
    },
    onGoHome() {
      getRuntime().wx.switchTab({ url: ROUTES.home });
    },
    onShareAppMessage(this: ProductInstance) {
      return { title: this.data.title, path: `${ROUTES.product}?id=${this._id ?? ""}` };
    },
  },
});
