// Who acts in a pages service: the store, the membership recorded as author, and whether the role
// may change what shoppers see (pages:publish), for the rules that depend on the page's state.
export interface PageActor {
  tenantId: string;
  membershipId: string;
  canPublish: boolean;
}
