// Results and errors as toasts, always in the API's own words (never a raw code).
import { toast } from "sonner";
import { messageOf } from "../api/client.ts";

export const notify = {
  ok(message: string) {
    toast.success(message);
  },
  error(err: unknown) {
    toast.error(messageOf(err));
  },
};

/** Runs an action, toasting its failure; resolves undefined when it failed. */
export async function attempt<T>(action: () => Promise<T>, success?: string): Promise<T | undefined> {
  try {
    const value = await action();
    if (success) notify.ok(success);
    return value;
  } catch (err) {
    notify.error(err);
    return undefined;
  }
}
