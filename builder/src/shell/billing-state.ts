// The signed-in store's billing (GET /merchant/v1/billing), shared by the shell's banners and the
// billing page: the page puts what it loads here, so a plan change shows in the banners at once.
// Staff without billing:read cannot load it; a write refused with 423 billing_suspended tells them.
import { create } from "zustand";
import { call, merchant } from "../api/client.ts";

export type Billing = Awaited<ReturnType<typeof loadBilling>>;

function loadBilling() {
  return call(merchant.billing.$get());
}

interface BillingState {
  /** The store the summary is of (a store switch drops it). */
  tenantId?: string;
  summary?: Billing;
  /** A write was refused because the store is suspended for an unpaid invoice. */
  refusedSuspended: boolean;
  /** Loads the store's summary; failures leave the banners as they were. */
  load(tenantId: string): Promise<void>;
  put(tenantId: string, summary: Billing): void;
  sawSuspended(): void;
  reset(): void;
}

export const useBilling = create<BillingState>()((set, get) => ({
  refusedSuspended: false,
  async load(tenantId) {
    if (get().tenantId !== tenantId) set({ tenantId, summary: undefined, refusedSuspended: false });
    try {
      const summary = await loadBilling();
      if (get().tenantId === tenantId) set({ summary });
    } catch {
      // The banners are a courtesy: the billing page shows its own errors.
    }
  },
  put(tenantId, summary) {
    // What the API says now replaces what a refused write suggested.
    set({ tenantId, summary, refusedSuspended: false });
  },
  sawSuspended() {
    set({ refusedSuspended: true });
  },
  reset() {
    set({ tenantId: undefined, summary: undefined, refusedSuspended: false });
  },
}));
