// 确认订单: POST /store/v1/checkout/preview for the selected cart lines (every problem listed before
// submission); the address from GET /store/v1/addresses (or one added here, POST /addresses);
// express or self-pickup when the store offers it; submit POST /store/v1/orders with one
// Idempotency-Key per attempt (the same key again on a retry of the same order), then
// POST /orders/{id}/pay: WeChat Pay through wx.requestPayment, the development provider pays at
// once; then the order page.
import type { TAddress, TCheckoutPreview, TOrder } from "@mallwright/schema";
import { ROUTES } from "../../../core/links.ts";
import type { ApiError } from "../../../core/request.ts";
import { getRuntime } from "../../../core/runtime.ts";
import { addressRow, definePage, newIdempotencyKey, pageThemeStyle, payOrder, STORE } from "../../../core/shop.ts";
import { yuan } from "../../../shared/sku-picker.ts";

type Delivery = "express" | "pickup";

interface CheckoutInstance {
  data: { delivery: Delivery; form: Record<string, string>; submitting: boolean };
  setData(d: Record<string, unknown>): void;
  _addressId?: string;
  _pickupPointId?: string;
  _preview?: TCheckoutPreview;
  _addresses?: TAddress[];
  /** The attempt's key and the body it was made for (another body needs another key). */
  _attempt?: { key: string; body: string };
  _order?: TOrder;
  request(): { delivery: Delivery; addressId?: string; pickupPointId?: string };
  preview(): Promise<void>;
  loadAddresses(): Promise<void>;
  pay(order: TOrder): Promise<void>;
}

type TapEvent = { currentTarget: { dataset: Record<string, string | undefined> } };
type InputEvent = TapEvent & { detail: { value: string } };

const EMPTY_FORM = { recipient: "", phone: "", province: "", city: "", district: "", detail: "" };

/** What the page shows of a preview. */
export function presentPreview(p: TCheckoutPreview) {
  return {
    delivery: p.delivery,
    canExpress: p.deliveryOptions.express,
    canPickup: p.deliveryOptions.pickup,
    address: p.address
      ? { name: `${p.address.recipient} ${p.address.phone}`, text: `${p.address.region} ${p.address.detail}` }
      : null,
    pickupPoints: p.pickupPoints.map((pt) => ({
      id: pt.id,
      name: pt.name,
      address: pt.address,
      hours: pt.hours ?? "",
    })),
    lines: p.lines.map((l) => ({
      id: l.itemId,
      title: l.title,
      spec: l.specValues.join(" "),
      image: l.image ?? "",
      price: yuan(l.unitPrice),
      quantity: l.quantity,
    })),
    itemsTotal: yuan(p.itemsTotal),
    shippingFee: p.shippingFee > 0 ? `¥${yuan(p.shippingFee)}` : "免运费",
    total: yuan(p.total),
    problems: p.problems.map((pr) => problemText(pr.code, pr.message)),
    canSubmit: p.problems.length === 0,
  };
}

function problemText(code: string, message: string): string {
  const known: Record<string, string> = {
    cart_empty: "没有选中的商品",
    address_required: "请选择收货地址",
    address_not_found: "收货地址不存在，请重新选择",
    pickup_point_required: "请选择自提点",
    pickup_point_not_found: "自提点不存在，请重新选择",
    delivery_unavailable: "店铺暂不支持该配送方式",
    price_changed: "商品价格有变动，请确认",
    total_too_large: "订单金额超出上限",
  };
  return known[code] ?? message;
}

definePage({
  data: {
    status: "loading",
    pageStyle: "",
    delivery: "express",
    canExpress: true,
    canPickup: false,
    address: null,
    pickupPoints: [],
    pickupPointId: "",
    lines: [],
    itemsTotal: "0.00",
    shippingFee: "",
    total: "0.00",
    problems: [],
    canSubmit: false,
    submitting: false,
    addresses: [],
    picking: false,
    adding: false,
    form: EMPTY_FORM,
  },
  methods: {
    onLoad(this: CheckoutInstance) {
      this.setData({ pageStyle: pageThemeStyle(getRuntime()) });
      void this.loadAddresses();
      void this.preview();
    },
    request(this: CheckoutInstance) {
      const delivery = this.data.delivery;
      return {
        delivery,
        ...(delivery === "express" && this._addressId ? { addressId: this._addressId } : {}),
        ...(delivery === "pickup" && this._pickupPointId ? { pickupPointId: this._pickupPointId } : {}),
      };
    },
    async preview(this: CheckoutInstance) {
      try {
        const p = await getRuntime().api.post<TCheckoutPreview>(`${STORE}/checkout/preview`, this.request(), {
          auth: "required",
        });
        this._preview = p;
        if (p.address) this._addressId = p.address.id;
        // The one way the store offers, and the one pickup point there is, are chosen for the shopper.
        const other: Delivery = p.delivery === "express" ? "pickup" : "express";
        if (!p.deliveryOptions[p.delivery] && p.deliveryOptions[other]) {
          this.setData({ delivery: other });
          await this.preview();
          return;
        }
        const onlyPoint = p.pickupPoints.length === 1 ? p.pickupPoints[0] : undefined;
        if (p.delivery === "pickup" && !this._pickupPointId && onlyPoint) {
          this._pickupPointId = onlyPoint.id;
          await this.preview();
          return;
        }
        this.setData({ status: "ready", ...presentPreview(p), pickupPointId: this._pickupPointId ?? "" });
      } catch {
        if (!this._preview) this.setData({ status: "error" });
      }
    },
    async loadAddresses(this: CheckoutInstance) {
      try {
        const { items } = await getRuntime().api.get<{ items: TAddress[] }>(`${STORE}/addresses`, { auth: "required" });
        this._addresses = items;
        this.setData({
          addresses: items.map(addressRow),
        });
      } catch {
        // Shown by the request layer; the preview still shows the default address.
      }
    },
    onRetry(this: CheckoutInstance) {
      this.setData({ status: "loading" });
      void this.preview();
    },
    onDelivery(this: CheckoutInstance, e: TapEvent) {
      const delivery = e.currentTarget.dataset.delivery === "pickup" ? "pickup" : "express";
      if (delivery === this.data.delivery) return;
      this.setData({ delivery });
      void this.preview();
    },
    onPickupPoint(this: CheckoutInstance, e: TapEvent) {
      this._pickupPointId = e.currentTarget.dataset.id;
      void this.preview();
    },
    onPickAddress(this: CheckoutInstance) {
      if ((this._addresses ?? []).length === 0) this.setData({ adding: true, form: EMPTY_FORM });
      else this.setData({ picking: true });
    },
    onChooseAddress(this: CheckoutInstance, e: TapEvent) {
      this._addressId = e.currentTarget.dataset.id;
      this.setData({ picking: false });
      void this.preview();
    },
    onNewAddress(this: CheckoutInstance) {
      this.setData({ picking: false, adding: true, form: EMPTY_FORM });
    },
    onCloseSheets(this: CheckoutInstance) {
      this.setData({ picking: false, adding: false });
    },
    onInput(this: CheckoutInstance, e: InputEvent) {
      const field = e.currentTarget.dataset.field;
      if (field) this.setData({ [`form.${field}`]: e.detail.value });
    },
    async onSaveAddress(this: CheckoutInstance) {
      const runtime = getRuntime();
      const form = this.data.form;
      if (!form.recipient || !form.phone || !form.province || !form.city || !form.detail) {
        runtime.wx.showToast({ title: "请填写收货人、手机号和完整地址", icon: "none" });
        return;
      }
      try {
        const address = await runtime.api.post<TAddress>(
          `${STORE}/addresses`,
          { ...form, isDefault: (this._addresses ?? []).length === 0 },
          { auth: "required" },
        );
        this._addressId = address.id;
        this.setData({ adding: false });
        await Promise.all([this.loadAddresses(), this.preview()]);
      } catch {
        // The request layer showed why (the form stays).
      }
    },
    async onSubmit(this: CheckoutInstance) {
      const runtime = getRuntime();
      if (this.data.submitting) return;
      if (this._order) {
        // Submitted before, payment not finished: pay that order (no second order).
        await this.pay(this._order);
        return;
      }
      if (!this._preview || this._preview.problems.length > 0) {
        runtime.wx.showToast({
          title: this._preview?.problems[0]
            ? problemText(this._preview.problems[0].code, this._preview.problems[0].message)
            : "请稍后重试",
          icon: "none",
        });
        return;
      }
      const body = this.request();
      const text = JSON.stringify(body);
      // One key per attempt: a retry of the same order (a lost answer) sends it again.
      if (!this._attempt || this._attempt.body !== text) this._attempt = { key: newIdempotencyKey(), body: text };
      this.setData({ submitting: true });
      try {
        const order = await runtime.api.post<TOrder>(`${STORE}/orders`, body, {
          auth: "required",
          idempotencyKey: this._attempt.key,
        });
        this._order = order;
        await this.pay(order);
      } catch (err) {
        // A refusal (422: stock, prices) is final for this body: the next attempt previews again.
        if ((err as ApiError).status >= 400 && (err as ApiError).status < 500) {
          this._attempt = undefined;
          void this.preview();
        }
      } finally {
        this.setData({ submitting: false });
      }
    },
    async pay(this: CheckoutInstance, order: TOrder) {
      const runtime = getRuntime();
      // Paid or not, the order page shows it (with 立即支付 while it is pending payment).
      await payOrder(runtime, order.id);
      runtime.wx.redirectTo({ url: `${ROUTES.order}?id=${order.id}` });
    },
  },
});
