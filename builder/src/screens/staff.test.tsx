// Staff against the API's JSON: members and invitations, inviting with a role, what an admin may not touch.
import { ZInviteCreated, ZStaffList } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ME, renderScreen, serveApi, uuid } from "./fake-api.tsx";
import { StaffScreen } from "./staff.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const member = (n: number, role: "owner" | "admin" | "staff", email: string, userId = uuid(100 + n)) => ({
  id: uuid(n),
  userId,
  email,
  name: null,
  role,
  createdAt: "2025-01-01T00:00:00.000Z",
});

describe("StaffScreen", () => {
  it("shows empty members and invitations", async () => {
    serveApi({ "GET /merchant/v1/staff": () => ZStaffList.parse({ members: [], invites: [] }) });
    renderScreen(<StaffScreen />);
    expect(await screen.findByText("No members yet")).toBeTruthy();
    expect(screen.getByText("No open invitations")).toBeTruthy();
  });

  it("lists members and invitations and invites by email with a role", async () => {
    const sent = serveApi({
      "GET /merchant/v1/staff": () =>
        ZStaffList.parse({
          members: [member(1, "owner", ME.user.email, ME.user.id), member(2, "staff", "clerk@demo.test")],
          invites: [
            {
              id: uuid(9),
              email: "new@demo.test",
              role: "admin",
              expiresAt: "2025-02-01T00:00:00.000Z",
              createdAt: "2025-01-25T00:00:00.000Z",
            },
          ],
        }),
      "POST /merchant/v1/staff/invites": () =>
        ZInviteCreated.parse({
          id: uuid(10),
          email: "helper@demo.test",
          role: "staff",
          expiresAt: "2025-02-01T00:00:00.000Z",
          createdAt: "2025-01-25T00:00:00.000Z",
          inviteUrl: "http://localhost/accept-invite?token=abc",
        }),
    });
    renderScreen(<StaffScreen />);
    const clerk = (await screen.findByText("clerk@demo.test")).closest("tr") as HTMLElement;
    expect(within(clerk).getByLabelText("Role of clerk@demo.test")).toBeTruthy();
    expect(within(clerk).getByText("Remove member")).toBeTruthy();
    const owner = screen.getByText(ME.user.email).closest("tr") as HTMLElement;
    expect(within(owner).getByText("You")).toBeTruthy();
    expect(within(owner).queryByText("Remove member")).toBeNull();
    expect(screen.getByText("new@demo.test")).toBeTruthy();
    expect(screen.getByText("Transfer ownership")).toBeTruthy();

    fireEvent.click(screen.getByText("Invite staff"));
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Email"), { target: { value: "helper@demo.test" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Send invitation" }));
    expect(await screen.findByText("http://localhost/accept-invite?token=abc")).toBeTruthy();
    expect(sent.find((r) => r.method === "POST")?.body).toEqual({ email: "helper@demo.test", role: "staff" });
  });

  it("lets an admin manage staff but not other admins, nor transfer the store", async () => {
    serveApi({
      "GET /merchant/v1/staff": () =>
        ZStaffList.parse({
          members: [
            member(1, "owner", "boss@demo.test"),
            member(2, "admin", "other-admin@demo.test"),
            member(3, "staff", "clerk@demo.test"),
          ],
          invites: [],
        }),
    });
    renderScreen(<StaffScreen />, {
      me: { ...ME, role: "admin", permissions: ["store:read", "staff:read", "staff:manage", "catalog:read"] },
    });
    const other = (await screen.findByText("other-admin@demo.test")).closest("tr") as HTMLElement;
    expect(within(other).queryByText("Remove member")).toBeNull();
    const clerk = screen.getByText("clerk@demo.test").closest("tr") as HTMLElement;
    expect(within(clerk).getByText("Remove member")).toBeTruthy();
    expect(screen.queryByText("Transfer ownership")).toBeNull();
    await waitFor(() => expect(screen.getByText("Invite staff")).toBeTruthy());
  });
});
