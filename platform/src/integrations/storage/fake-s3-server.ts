// A tiny S3 stand-in for tests: path-style PUT/GET/HEAD/DELETE of objects on 127.0.0.1, which
// refuses any request whose SigV4 Authorization header does not verify against its own key.
// The verification is written from the SigV4 specification, independently of the client's signer.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeS3 {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { body: Buffer; contentType: string; cacheControl?: string }>;
  /** Every request, with whether its signature verified. */
  requests: { method: string; path: string; verified: boolean; reason?: string }[];
  close(): Promise<void>;
}

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
const sha256hex = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function verify(
  req: IncomingMessage,
  body: Buffer,
  creds: { accessKeyId: string; secretAccessKey: string; region: string },
): string | null {
  const auth = req.headers.authorization ?? "";
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return "malformed Authorization";
  const [, keyId, day, region, signedHeaders, signature] = m as unknown as string[];
  if (keyId !== creds.accessKeyId) return "unknown access key";
  if (region !== creds.region) return "wrong region";
  const amzDate = String(req.headers["x-amz-date"] ?? "");
  const when = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!when || amzDate.slice(0, 8) !== day) return "bad x-amz-date";
  const t = Date.UTC(
    +(when[1] ?? 0),
    +(when[2] ?? 1) - 1,
    +(when[3] ?? 0),
    +(when[4] ?? 0),
    +(when[5] ?? 0),
    +(when[6] ?? 0),
  );
  if (Math.abs(Date.now() - t) > 15 * 60_000) return "request time too skewed";
  const names = (signedHeaders ?? "").split(";");
  if (!names.includes("host") || !names.includes("x-amz-date") || !names.includes("x-amz-content-sha256")) {
    return "host, x-amz-date and x-amz-content-sha256 must be signed";
  }
  const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
  if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== sha256hex(body)) return "payload hash mismatch";

  const url = new URL(req.url ?? "/", "http://x");
  const canonicalUri = url.pathname
    .split("/")
    .map((s) => rfc3986(decodeURIComponent(s)))
    .join("/");
  const canonicalQuery = [...url.searchParams]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalHeaders = names
    .map((n) => {
      const raw = req.headers[n];
      const value = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
      return `${n}:${value.trim().replace(/\s+/g, " ")}\n`;
    })
    .join("");
  const canonicalRequest = [
    req.method,
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256hex(canonicalRequest)].join("\n");
  const kDate = hmac(`AWS4${creds.secretAccessKey}`, day ?? "");
  const kSigning = hmac(hmac(hmac(kDate, region ?? ""), "s3"), "aws4_request");
  const expected = hmac(kSigning, stringToSign);
  const given = Buffer.from(signature ?? "", "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "signature mismatch";
  return null;
}

function xmlError(res: ServerResponse, status: number, code: string) {
  res.writeHead(status, { "content-type": "application/xml" });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
}

export async function startFakeS3(): Promise<FakeS3> {
  const creds = {
    accessKeyId: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString("base64"),
    region: "cn-test-1",
  };
  const bucket = "mallwright-media";
  const objects: FakeS3["objects"] = new Map();
  const requests: FakeS3["requests"] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const reason = verify(req, body, creds);
      requests.push({ method: req.method ?? "", path, verified: reason === null, ...(reason ? { reason } : {}) });
      if (reason) return xmlError(res, 403, "SignatureDoesNotMatch");
      const prefix = `/${bucket}/`;
      if (!path.startsWith(prefix)) return xmlError(res, 404, "NoSuchBucket");
      const key = decodeURIComponent(path.slice(prefix.length));
      const obj = objects.get(key);
      switch (req.method) {
        case "PUT": {
          const cacheControl = req.headers["cache-control"];
          objects.set(key, {
            body,
            contentType: req.headers["content-type"] ?? "binary/octet-stream",
            ...(cacheControl ? { cacheControl } : {}),
          });
          res.writeHead(200, { etag: `"${createHash("md5").update(body).digest("hex")}"` });
          return res.end();
        }
        case "HEAD":
        case "GET": {
          if (!obj) return xmlError(res, 404, "NoSuchKey");
          const headers: Record<string, string> = { "content-type": obj.contentType, "accept-ranges": "bytes" };
          if (obj.cacheControl) headers["cache-control"] = obj.cacheControl;
          const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ""));
          if (req.method === "GET" && range) {
            const size = obj.body.length;
            let start = range[1] ? Number(range[1]) : size - Number(range[2]);
            let end = range[1] && range[2] ? Number(range[2]) : size - 1;
            start = Math.max(0, start);
            end = Math.min(end, size - 1);
            if (start >= size || end < start) {
              res.writeHead(416, { "content-range": `bytes */${size}` });
              return res.end();
            }
            const part = obj.body.subarray(start, end + 1);
            res.writeHead(206, {
              ...headers,
              "content-length": String(part.length),
              "content-range": `bytes ${start}-${end}/${size}`,
            });
            return res.end(part);
          }
          res.writeHead(200, { ...headers, "content-length": String(obj.body.length) });
          return res.end(req.method === "GET" ? obj.body : undefined);
        }
        case "DELETE":
          objects.delete(key);
          res.writeHead(204);
          return res.end();
        default:
          return xmlError(res, 405, "MethodNotAllowed");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    ...creds,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
