// Who is signed in: the merchant session (GET /merchant/v1/me) or the platform admin session
// (GET /platform/v1/me). A zustand store shared by the shell and the screens.
import { create } from "zustand";
import { ApiFailure, call, merchant, platform } from "../api/client.ts";

export type Me = Awaited<ReturnType<typeof loadMe>>;
export type AdminMe = Awaited<ReturnType<typeof loadAdmin>>;

async function loadMe() {
  return call(merchant.me.$get());
}
async function loadAdmin() {
  return call(platform.me.$get());
}

type Status = "loading" | "signed-in" | "signed-out";

interface SessionState {
  merchant: { status: Status; me?: Me };
  admin: { status: Status; me?: AdminMe };
  refresh(): Promise<void>;
  refreshAdmin(): Promise<void>;
  can(permission: string): boolean;
}

export const useSession = create<SessionState>()((set, get) => ({
  merchant: { status: "loading" },
  admin: { status: "loading" },
  async refresh() {
    try {
      set({ merchant: { status: "signed-in", me: await loadMe() } });
    } catch (err) {
      if (err instanceof ApiFailure && (err.status === 401 || err.status === 403 || err.status === 423)) {
        set({ merchant: { status: "signed-out" } });
      } else throw err;
    }
  },
  async refreshAdmin() {
    try {
      set({ admin: { status: "signed-in", me: await loadAdmin() } });
    } catch (err) {
      if (err instanceof ApiFailure && (err.status === 401 || err.status === 403))
        set({ admin: { status: "signed-out" } });
      else throw err;
    }
  },
  can(permission) {
    return get().merchant.me?.permissions.includes(permission) ?? false;
  },
}));
