// 收货地址: the shopper's address book (GET /store/v1/addresses, at most 20): add (POST), edit and make
// default (PATCH /addresses/{id}, sent as POST with X-HTTP-Method-Override), delete (DELETE).
import type { TAddress } from "@mallwright/schema";
import { getRuntime } from "../../../core/runtime.ts";
import { addressRow, definePage, pageThemeStyle, STORE } from "../../../core/shop.ts";

const EMPTY_FORM = { recipient: "", phone: "", province: "", city: "", district: "", detail: "" };
const FIELDS = Object.keys(EMPTY_FORM) as (keyof typeof EMPTY_FORM)[];
const ADDRESS_BOOK_MAX = 20;

interface AddressInstance {
  data: { form: Record<string, string>; editing: string; addresses: unknown[] };
  setData(d: Record<string, unknown>): void;
  _items?: TAddress[];
  _busy?: boolean;
  load(): Promise<void>;
  act(work: () => Promise<unknown>): Promise<boolean>;
}

type TapEvent = { currentTarget: { dataset: Record<string, string | undefined> }; detail: { value?: string } };

definePage({
  data: { status: "loading", pageStyle: "", addresses: [], editing: "", form: EMPTY_FORM, canAdd: true },
  methods: {
    onLoad(this: AddressInstance) {
      getRuntime().wx.setNavigationBarTitle({ title: "收货地址" });
      this.setData({ pageStyle: pageThemeStyle(getRuntime()) });
      void this.load();
    },
    async load(this: AddressInstance) {
      try {
        const { items } = await getRuntime().api.get<{ items: TAddress[] }>(`${STORE}/addresses`, { auth: "required" });
        this._items = items;
        this.setData({
          status: items.length > 0 ? "ready" : "empty",
          canAdd: items.length < ADDRESS_BOOK_MAX,
          addresses: items.map(addressRow),
        });
      } catch {
        if (!this._items) this.setData({ status: "error" });
      }
    },
    async act(this: AddressInstance, work: () => Promise<unknown>) {
      if (this._busy) return false;
      this._busy = true;
      try {
        await work();
        await this.load();
        return true;
      } catch {
        return false;
      } finally {
        this._busy = false;
      }
    },
    onAdd(this: AddressInstance) {
      this.setData({ editing: "new", form: EMPTY_FORM });
    },
    onEdit(this: AddressInstance, e: TapEvent) {
      const a = this._items?.find((x) => x.id === e.currentTarget.dataset.id);
      if (!a) return;
      const form: Record<string, string> = {};
      for (const f of FIELDS) form[f] = a[f];
      this.setData({ editing: a.id, form });
    },
    onCloseForm(this: AddressInstance) {
      this.setData({ editing: "" });
    },
    onInput(this: AddressInstance, e: TapEvent) {
      const field = e.currentTarget.dataset.field;
      if (field) this.setData({ [`form.${field}`]: e.detail.value ?? "" });
    },
    async onSave(this: AddressInstance) {
      const runtime = getRuntime();
      const form = this.data.form;
      if (!form.recipient || !form.phone || !form.province || !form.city || !form.detail) {
        runtime.wx.showToast({ title: "请填写收货人、手机号和完整地址", icon: "none" });
        return;
      }
      const id = this.data.editing;
      const ok = await this.act(() =>
        id === "new"
          ? runtime.api.post(
              `${STORE}/addresses`,
              { ...form, isDefault: (this._items ?? []).length === 0 },
              { auth: "required" },
            )
          : runtime.api.request(`${STORE}/addresses/${id}`, { method: "PATCH", body: form, auth: "required" }),
      );
      if (ok) this.setData({ editing: "" });
    },
    onDefault(this: AddressInstance, e: TapEvent) {
      const id = e.currentTarget.dataset.id;
      const api = getRuntime().api;
      void this.act(() =>
        api.request(`${STORE}/addresses/${id}`, { method: "PATCH", body: { isDefault: true }, auth: "required" }),
      );
    },
    onDelete(this: AddressInstance, e: TapEvent) {
      const id = e.currentTarget.dataset.id;
      const runtime = getRuntime();
      runtime.wx.showModal({
        title: "删除地址",
        content: "确定删除这个收货地址吗？",
        success: (res) => {
          if (res.confirm) {
            void this.act(() =>
              runtime.api.request(`${STORE}/addresses/${id}`, { method: "DELETE", auth: "required" }),
            );
          }
        },
      });
    },
    onRetry(this: AddressInstance) {
      this.setData({ status: "loading" });
      void this.load();
    },
  },
});
