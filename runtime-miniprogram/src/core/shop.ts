// What the shopping pages (product, cart, checkout, orders) share: the store routes they call, the
// Component() entry they are built with (miniprogram-simulate renders pages defined so), the page's
// theme variables, and the cart's "buy now" (only the line just added stays selected).
import type { TAddress, TCart, TOrder } from "@mallwright/schema";
import { themeStyle } from "../shared/theme-style.ts";
import type { Runtime } from "./runtime.ts";
import { currentSettings } from "./store-settings.ts";

export const STORE = "/store/v1";

/** An address as the address book and checkout list it: who and phone, then where. */
export function addressRow(a: TAddress): { id: string; name: string; text: string; isDefault: boolean } {
  return {
    id: a.id,
    name: `${a.recipient} ${a.phone}`,
    text: `${a.province}${a.city}${a.district} ${a.detail}`,
    isDefault: a.isDefault,
  };
}

/** Component() as the pages use it (typed loosely: each page declares its own instance). */
export function definePage(options: Record<string, unknown>): void {
  (Component as unknown as (o: Record<string, unknown>) => void)(options);
}

/** The store theme's CSS variables for a page's root view. */
export function pageThemeStyle(runtime: Runtime): string {
  return themeStyle(currentSettings(runtime).theme);
}

/** Adds a SKU to the cart (selected); answers the cart. */
export function addToCart(runtime: Runtime, skuId: string, quantity: number): Promise<TCart> {
  return runtime.api.post<TCart>(`${STORE}/cart/items`, { skuId, quantity }, { auth: "required" });
}

/** Buy now: only the line of `skuId` stays selected, so the checkout orders just it. */
export async function selectOnly(runtime: Runtime, cart: TCart, skuId: string): Promise<TCart> {
  const line = cart.items.find((i) => i.skuId === skuId);
  if (!line) return cart;
  const others = cart.items.filter((i) => i.id !== line.id && i.selected).map((i) => i.id);
  let out = cart;
  if (others.length > 0) {
    out = await runtime.api.post<TCart>(
      `${STORE}/cart/select`,
      { selected: false, itemIds: others },
      { auth: "required" },
    );
  }
  if (!line.selected) {
    out = await runtime.api.post<TCart>(
      `${STORE}/cart/select`,
      { selected: true, itemIds: [line.id] },
      { auth: "required" },
    );
  }
  return out;
}

/** A fresh Idempotency-Key (printable ASCII, no spaces). */
export function newIdempotencyKey(now: () => number = Date.now): string {
  const rand = () => Math.random().toString(36).slice(2, 10).padEnd(8, "0");
  return `mp-${now().toString(36)}-${rand()}${rand()}`;
}

/** Texts for an order's status (the shopper's words). */
export const ORDER_STATUS_TEXT: Record<string, string> = {
  pending_payment: "待付款",
  paid: "待发货",
  shipped: "待收货",
  delivered: "待收货",
  completed: "已完成",
  cancelled: "已取消",
};

interface PayAnswer {
  provider: "dev" | "wechat";
  order: TOrder;
  requestPayment: { timeStamp: string; nonceStr: string; package: string; signType: "RSA"; paySign: string } | null;
}

/**
 * Pays an order pending payment: POST /orders/{id}/pay, then WeChat Pay's own sheet
 * (wx.requestPayment) with the parameters it answers; the development provider pays at once.
 * "paid": the payment went through (WeChat's notification confirms it on the server); "open": it
 * did not (cancelled, failed, the call refused): the order stays pending payment.
 */
export async function payOrder(runtime: Runtime, orderId: string): Promise<"paid" | "open"> {
  let answer: PayAnswer;
  try {
    answer = await runtime.api.post<PayAnswer>(`${STORE}/orders/${orderId}/pay`, {}, { auth: "required" });
  } catch {
    return "open";
  }
  if (answer.provider !== "wechat" || !answer.requestPayment) return "paid";
  const params = answer.requestPayment;
  return new Promise((resolve) => {
    runtime.wx.requestPayment({
      ...params,
      success: () => resolve("paid"),
      fail: (err: { errMsg?: string }) => {
        if (!/cancel/.test(err?.errMsg ?? "")) runtime.wx.showToast({ title: "支付未完成", icon: "none" });
        resolve("open");
      },
    });
  });
}

/** A photo the shopper uploaded (POST /store/v1/media), for an after-sales request. */
export interface UploadedPhoto {
  id: string;
  url: string;
  thumbUrl: string | null;
}

/**
 * Uploads a local photo (from wx.chooseMedia) as multipart field `file` with wx.uploadFile (the
 * request layer's wx.request cannot send files): the tenant header and the shopper's token go along.
 */
export async function uploadPhoto(runtime: Runtime, filePath: string): Promise<UploadedPhoto> {
  const token = await runtime.session.ensure();
  return new Promise((resolve, reject) => {
    runtime.wx.uploadFile({
      url: `${runtime.api.ext.apiBase}${STORE}/media`,
      filePath,
      name: "file",
      header: { "X-Mallwright-Tenant": runtime.api.ext.tenantKey, Authorization: `Bearer ${token}` },
      success: (res) => {
        let body: unknown = res.data;
        try {
          body = typeof res.data === "string" ? JSON.parse(res.data) : res.data;
        } catch {}
        if (res.statusCode === 201 && typeof body === "object" && body !== null && "id" in body) {
          resolve(body as UploadedPhoto);
          return;
        }
        const message =
          res.statusCode === 413
            ? "图片太大，请换一张"
            : res.statusCode === 429
              ? "今天上传的图片太多了"
              : "图片上传失败";
        runtime.wx.showToast({ title: message, icon: "none" });
        reject(new Error(`upload failed: ${res.statusCode}`));
      },
      fail: (err) => {
        runtime.wx.showToast({ title: "图片上传失败", icon: "none" });
        reject(new Error(err?.errMsg ?? "upload failed"));
      },
    });
  });
}
