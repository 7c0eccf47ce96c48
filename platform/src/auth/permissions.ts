// Tenant roles and what each may do. Routes name a permission; roles map to sets of them.
import type { TTenantRole } from "@mallwright/schema";

export const PERMISSIONS = [
  "store:read", // see the store, its settings and one's own account
  "staff:read", // list staff and open invitations
  "staff:manage", // invite, change roles of and remove admins and staff
  "store:transfer", // hand ownership to another member
  "catalog:read", // see categories, products, stock and its ledger, catalog settings
  "catalog:manage", // edit categories, products, SKUs and stock; bulk actions; catalog settings
  "pages:read", // see pages, their drafts and published versions, the store theme and tab bar
  "pages:manage", // create, edit (drafts), duplicate and delete unpublished pages; edit the theme draft
  "pages:publish", // change what shoppers see: publish, schedule, roll back, set home, delete live pages
  "orders:read", // list and open orders (recipients' phones and addresses masked)
  "orders:manage", // ship, hand over pickups, cancel unpaid orders, remarks
  "orders:contact", // see recipients' full phone numbers and addresses
  "billing:read", // see the plan, usage, billing state and invoices
  "billing:manage", // subscribe, change plan, open the billing portal (card, invoices, cancellation)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<TTenantRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: [
    "store:read",
    "staff:read",
    "staff:manage",
    "catalog:read",
    "catalog:manage",
    "pages:read",
    "pages:manage",
    "pages:publish",
    "orders:read",
    "orders:manage",
    "orders:contact",
    "billing:read",
  ],
  // Staff run the shop floor: they list products and keep stock and the catalog up to date. They may
  // prepare pages (drafts), but what shoppers see changes only when an owner or admin publishes.
  // They also pack and ship orders, seeing recipients' contact details masked.
  staff: ["store:read", "catalog:read", "catalog:manage", "pages:read", "pages:manage", "orders:read", "orders:manage"],
};

export function permissionsOf(role: TTenantRole): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

/** The least privileged role that lacks `permission` (for the route security suite), if any. */
export function roleWithout(permission: Permission): TTenantRole | undefined {
  const order: TTenantRole[] = ["staff", "admin", "owner"];
  return order.find((r) => !ROLE_PERMISSIONS[r].includes(permission));
}

export const ROLE_RANK: Record<TTenantRole, number> = { staff: 0, admin: 1, owner: 2 };
