// A shopper's address book: list (default first), add, change, remove, choose the default. Name,
// phone and street are encrypted before they are written and decrypted only for their shopper.
// The first address becomes the default; removing the default makes the newest remaining one it.
import { ADDRESS_BOOK_MAX, type TAddress, type TAddressInput, type TUpdateAddressRequest } from "@mallwright/schema";
import type { Database, Tx } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { type FieldCipher, fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import type { CartActor as ShopperActor } from "../cart/change-cart.ts";

type Row = Awaited<ReturnType<Tx["address"]["findFirstOrThrow"]>>;

export function presentAddress(cipher: FieldCipher, a: Row): TAddress {
  return {
    id: a.id,
    recipient: cipher.decrypt(a.recipientEnc),
    phone: cipher.decrypt(a.phoneEnc),
    province: a.province,
    city: a.city,
    district: a.district,
    detail: cipher.decrypt(a.detailEnc),
    postalCode: a.postalCode,
    label: a.label,
    isDefault: a.isDefault,
  };
}

/** The columns of what `input` changes, personal fields encrypted. */
function columns(cipher: FieldCipher, input: TUpdateAddressRequest) {
  return {
    ...(input.recipient !== undefined ? { recipientEnc: cipher.encrypt(input.recipient) } : {}),
    ...(input.phone !== undefined
      ? { phoneEnc: cipher.encrypt(input.phone), phoneTail: input.phone.replace(/\D/g, "").slice(-4) }
      : {}),
    ...(input.detail !== undefined ? { detailEnc: cipher.encrypt(input.detail) } : {}),
    ...(input.province !== undefined ? { province: input.province } : {}),
    ...(input.city !== undefined ? { city: input.city } : {}),
    ...(input.district !== undefined ? { district: input.district } : {}),
    ...(input.postalCode !== undefined ? { postalCode: input.postalCode } : {}),
    ...(input.label !== undefined ? { label: input.label } : {}),
  };
}

/** Address-book changes of one shopper run one at a time (the default must stay single). */
async function lock(tx: Tx, shopperId: string) {
  await tx.$queryRaw`SELECT id FROM shoppers WHERE id = ${shopperId}::uuid FOR UPDATE`;
}

async function own(tx: Tx, shopperId: string, id: string): Promise<Row> {
  const a = await tx.address.findFirst({ where: { id, shopperId } });
  if (!a) throw notFound("address");
  return a;
}

async function makeDefault(tx: Tx, shopperId: string, id: string) {
  await tx.address.updateMany({ where: { shopperId, isDefault: true, NOT: { id } }, data: { isDefault: false } });
  await tx.address.update({ where: { id }, data: { isDefault: true } });
}

export function listAddresses(db: Database, env: Env, actor: ShopperActor): Promise<TAddress[]> {
  const cipher = fieldCipher(env);
  return db.withTenant(actor.tenantId, async (tx) =>
    (
      await tx.address.findMany({
        where: { shopperId: actor.shopperId },
        orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      })
    ).map((a) => presentAddress(cipher, a)),
  );
}

export function getAddress(db: Database, env: Env, actor: ShopperActor, id: string): Promise<TAddress> {
  return db.withTenant(actor.tenantId, async (tx) =>
    presentAddress(fieldCipher(env), await own(tx, actor.shopperId, id)),
  );
}

export function addAddress(db: Database, env: Env, actor: ShopperActor, input: TAddressInput): Promise<TAddress> {
  const cipher = fieldCipher(env);
  return db.withTenant(actor.tenantId, async (tx) => {
    await lock(tx, actor.shopperId);
    const count = await tx.address.count({ where: { shopperId: actor.shopperId } });
    if (count >= ADDRESS_BOOK_MAX) {
      throw new ApiError("validation_failed", `an address book holds at most ${ADDRESS_BOOK_MAX} addresses`, [
        { path: "", message: "the address book is full", in: "body" },
      ]);
    }
    const created = await tx.address.create({
      data: {
        tenantId: actor.tenantId,
        shopperId: actor.shopperId,
        recipientEnc: cipher.encrypt(input.recipient),
        phoneEnc: cipher.encrypt(input.phone),
        phoneTail: input.phone.replace(/\D/g, "").slice(-4),
        detailEnc: cipher.encrypt(input.detail),
        province: input.province,
        city: input.city,
        district: input.district,
        postalCode: input.postalCode,
        label: input.label,
      },
    });
    if (input.isDefault || count === 0) await makeDefault(tx, actor.shopperId, created.id);
    return presentAddress(cipher, await own(tx, actor.shopperId, created.id));
  });
}

export function updateAddress(
  db: Database,
  env: Env,
  actor: ShopperActor,
  id: string,
  input: TUpdateAddressRequest,
): Promise<TAddress> {
  const cipher = fieldCipher(env);
  return db.withTenant(actor.tenantId, async (tx) => {
    await lock(tx, actor.shopperId);
    const current = await own(tx, actor.shopperId, id);
    if (input.isDefault === false && current.isDefault) {
      throw new ApiError("validation_failed", "choose another default address instead", [
        { path: "isDefault", message: "one address is always the default", in: "body" },
      ]);
    }
    await tx.address.update({ where: { id }, data: columns(cipher, input) });
    if (input.isDefault === true) await makeDefault(tx, actor.shopperId, id);
    return presentAddress(cipher, await own(tx, actor.shopperId, id));
  });
}

export function removeAddress(db: Database, actor: ShopperActor, id: string): Promise<void> {
  return db.withTenant(actor.tenantId, async (tx) => {
    await lock(tx, actor.shopperId);
    const a = await own(tx, actor.shopperId, id);
    await tx.address.delete({ where: { id } });
    if (a.isDefault) {
      const next = await tx.address.findFirst({
        where: { shopperId: actor.shopperId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
      if (next) await makeDefault(tx, actor.shopperId, next.id);
    }
  });
}
