// Who acts in a catalog or inventory service: the store, and the membership written to ledger rows.
export interface CatalogActor {
  tenantId: string;
  membershipId: string;
}
