// 订单详情 (/pkg-order/pages/order/index?id=<order id>): GET /store/v1/orders/{id}: status, the
// address or the pickup code, lines, totals, tracking, history; pay now (pending payment), cancel
// (POST /orders/{id}/cancel), confirm receipt (POST /orders/{id}/confirm, once shipped).
import type { TOrder } from "@mallwright/schema";
import { ROUTES } from "../../../core/links.ts";
import type { ApiError } from "../../../core/request.ts";
import { getRuntime } from "../../../core/runtime.ts";
import {
  definePage,
  ORDER_STATUS_TEXT,
  pageThemeStyle,
  payOrder,
  STORE,
  type UploadedPhoto,
  uploadPhoto,
} from "../../../core/shop.ts";
import { yuan } from "../../../shared/sku-picker.ts";

/** Photos one after-sales request may carry (AFTER_SALE_MAX_PHOTOS). */
const PHOTOS_MAX = 6;
export const AFTER_SALE_REASONS = ["不想要了", "商品与描述不符", "质量问题", "少发/漏发", "其他"];
const REFUNDABLE = new Set(["paid", "shipped", "delivered", "completed"]);

interface OrderInstance {
  data: { status: string; sale: { kind: string; reason: string; note: string } };
  setData(d: Record<string, unknown>): void;
  _id?: string;
  _busy?: boolean;
  _photos?: UploadedPhoto[];
  load(): Promise<void>;
  act(work: () => Promise<unknown>): Promise<void>;
}

/** Local date and time, minutes precision: 2026-06-01 14:05. */
export function shortTime(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** What the page shows of an order. */
export function presentOrder(o: TOrder) {
  return {
    id: o.id,
    number: o.number,
    statusText: ORDER_STATUS_TEXT[o.status] ?? o.status,
    statusHint:
      o.status === "pending_payment"
        ? `请在 ${shortTime(o.payBy)} 前完成支付`
        : o.status === "cancelled"
          ? o.cancelReason || "订单已取消"
          : o.status === "paid"
            ? "商家正在备货"
            : "",
    address: o.address
      ? { name: `${o.address.recipient} ${o.address.phone}`, text: `${o.address.region} ${o.address.detail}` }
      : null,
    pickup: o.pickup ? { name: o.pickup.name, address: o.pickup.address ?? "", code: o.pickup.code } : null,
    tracking: o.trackingNo ? `${o.carrier ?? "快递"} ${o.trackingNo}` : "",
    lines: o.lines.map((l) => ({
      id: l.id,
      title: l.title,
      spec: l.specValues.join(" "),
      image: l.image ?? "",
      price: yuan(l.unitPrice),
      quantity: l.quantity,
      refunded: l.refundedQuantity > 0 ? `已退 ${l.refundedQuantity} 件` : "",
    })),
    itemsTotal: yuan(o.itemsTotal),
    shippingFee: o.shippingFee > 0 ? `¥${yuan(o.shippingFee)}` : "免运费",
    total: yuan(o.total),
    refunded: o.refundedTotal > 0 ? yuan(o.refundedTotal) : "",
    note: o.note ?? "",
    createdAt: shortTime(o.createdAt),
    // The newest first, as a timeline reads.
    history: o.history
      .slice()
      .reverse()
      .slice(0, 20)
      .map((h, i) => ({ key: `${i}`, text: ORDER_STATUS_TEXT[h.to] ?? h.to, at: shortTime(h.at), note: h.note ?? "" })),
    canPay: o.status === "pending_payment",
    canCancel: o.status === "pending_payment",
    canConfirm: o.status === "shipped" || o.status === "delivered",
    canAfterSale: REFUNDABLE.has(o.status) && o.refundedTotal < o.total,
  };
}

definePage({
  data: {
    status: "loading",
    pageStyle: "",
    order: null,
    saleOpen: false,
    reasons: AFTER_SALE_REASONS,
    sale: { kind: "refund", reason: "", note: "" },
    photos: [],
    canAddPhoto: true,
  },
  methods: {
    onLoad(this: OrderInstance, query: Record<string, string | undefined> = {}) {
      this._id = query.id;
      this.setData({ pageStyle: pageThemeStyle(getRuntime()) });
      if (!this._id) this.setData({ status: "empty" });
      else void this.load();
    },
    onPullDownRefresh(this: OrderInstance) {
      void this.load().finally(() => getRuntime().wx.stopPullDownRefresh());
    },
    async load(this: OrderInstance) {
      try {
        const order = await getRuntime().api.get<TOrder>(`${STORE}/orders/${encodeURIComponent(this._id ?? "")}`, {
          auth: "required",
          quiet: [404],
        });
        this.setData({ status: "ready", order: presentOrder(order) });
      } catch (err) {
        this.setData({ status: (err as ApiError).status === 404 ? "empty" : "error" });
      }
    },
    async act(this: OrderInstance, work: () => Promise<unknown>) {
      if (this._busy) return;
      this._busy = true;
      try {
        await work();
      } catch {
        // The request layer showed why.
      } finally {
        this._busy = false;
        await this.load();
      }
    },
    onPay(this: OrderInstance) {
      const runtime = getRuntime();
      void this.act(() => payOrder(runtime, this._id ?? ""));
    },
    onCancel(this: OrderInstance) {
      const runtime = getRuntime();
      runtime.wx.showModal({
        title: "取消订单",
        content: "确定要取消这个订单吗？",
        success: (res) => {
          if (res.confirm)
            void this.act(() => runtime.api.post(`${STORE}/orders/${this._id}/cancel`, {}, { auth: "required" }));
        },
      });
    },
    onConfirmReceipt(this: OrderInstance) {
      const runtime = getRuntime();
      runtime.wx.showModal({
        title: "确认收货",
        content: "请确认已收到商品",
        success: (res) => {
          if (res.confirm)
            void this.act(() => runtime.api.post(`${STORE}/orders/${this._id}/confirm`, {}, { auth: "required" }));
        },
      });
    },
    onAfterSale(this: OrderInstance) {
      this._photos = [];
      this.setData({ saleOpen: true, sale: { kind: "refund", reason: "", note: "" }, photos: [], canAddPhoto: true });
    },
    onCloseSale(this: OrderInstance) {
      this.setData({ saleOpen: false });
    },
    onSaleKind(this: OrderInstance, e: { currentTarget: { dataset: Record<string, string | undefined> } }) {
      this.setData({ "sale.kind": e.currentTarget.dataset.kind === "return_refund" ? "return_refund" : "refund" });
    },
    onSaleReason(this: OrderInstance, e: { currentTarget: { dataset: Record<string, string | undefined> } }) {
      this.setData({ "sale.reason": e.currentTarget.dataset.reason ?? "" });
    },
    onSaleNote(this: OrderInstance, e: { detail: { value: string } }) {
      this.setData({ "sale.note": e.detail.value });
    },
    onAddPhoto(this: OrderInstance) {
      const runtime = getRuntime();
      const left = PHOTOS_MAX - (this._photos ?? []).length;
      if (left <= 0) return;
      runtime.wx.chooseMedia({
        count: left,
        mediaType: ["image"],
        sizeType: ["compressed"],
        success: (res) => {
          void (async () => {
            for (const file of res.tempFiles.slice(0, left)) {
              try {
                const photo = await uploadPhoto(runtime, file.tempFilePath);
                this._photos = [...(this._photos ?? []), photo];
                this.setData({
                  photos: this._photos.map((p) => ({ id: p.id, url: p.thumbUrl ?? p.url })),
                  canAddPhoto: this._photos.length < PHOTOS_MAX,
                });
              } catch {
                return; // The upload said why.
              }
            }
          })();
        },
      });
    },
    onRemovePhoto(this: OrderInstance, e: { currentTarget: { dataset: Record<string, string | undefined> } }) {
      this._photos = (this._photos ?? []).filter((p) => p.id !== e.currentTarget.dataset.id);
      this.setData({ photos: this._photos.map((p) => ({ id: p.id, url: p.thumbUrl ?? p.url })), canAddPhoto: true });
    },
    async onSubmitSale(this: OrderInstance) {
      const runtime = getRuntime();
      const { kind, reason, note } = this.data.sale;
      if (!reason) {
        runtime.wx.showToast({ title: "请选择售后原因", icon: "none" });
        return;
      }
      const text = (note.trim() ? `${reason}：${note.trim()}` : reason).slice(0, 200);
      const photoIds = (this._photos ?? []).map((p) => p.id);
      let sent = false;
      await this.act(async () => {
        await runtime.api.post(
          `${STORE}/orders/${this._id}/after-sales`,
          { kind, reason: text, ...(photoIds.length > 0 ? { photoIds } : {}) },
          { auth: "required" },
        );
        sent = true;
      });
      if (sent) {
        this.setData({ saleOpen: false });
        runtime.wx.showToast({ title: "已提交，等待商家处理", icon: "none" });
      }
    },
    onRetry(this: OrderInstance) {
      this.setData({ status: "loading" });
      void this.load();
    },
    onOrders() {
      getRuntime().wx.redirectTo({ url: ROUTES.orders });
    },
  },
});
