// Recognises database errors that are the caller's fault (duplicates), so they map to 409s.
import { Prisma } from "../generated/prisma/client.ts";

export function isUniqueViolation(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientKnownRequestError) return err.code === "P2002";
  return typeof err === "object" && err !== null && "code" in err && err.code === "23505";
}
