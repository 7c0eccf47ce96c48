// Mailers: SMTP against a small local SMTP server, the console block, and the memory recorder.
import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { loadEnv } from "../../env.ts";
import { createLogger } from "../../logger.ts";
import { createMailer, createMemoryMailer } from "./mailer.ts";

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** Speaks just enough SMTP for nodemailer; `rejectRcpt` answers 550 to every recipient. */
async function startSmtpServer(opts: { rejectRcpt?: boolean } = {}) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let current: Received = { from: "", to: [], data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 localhost ESMTP test");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\r\n"); end >= 0; end = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(current);
            current = { from: "", to: [], data: "" };
            reply("250 OK queued");
          } else current.data += `${line.startsWith("..") ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250 localhost");
        else if (verb === "MAIL") {
          current.from = line.slice(10);
          reply("250 OK");
        } else if (verb === "RCPT") {
          if (opts.rejectRcpt) reply(`550 5.1.1 ${line.slice(8)} mailbox unavailable`);
          else {
            current.to.push(line.slice(8));
            reply("250 OK");
          }
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end with .");
        } else if (verb === "RSET") reply("250 OK");
        else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else reply("502 not implemented");
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

function captureLog() {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => lines.push(chunk.toString("utf8")));
  return { log: createLogger("trace", stream), text: () => lines.join("") };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

describe("SMTP mailer", () => {
  it("delivers through the SMTP server named by SMTP_URL", async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const logs = captureLog();
    const env = loadEnv({ SMTP_URL: smtp.url, MAIL_FROM: "Shop <shop@mallwright.test>" }, {});
    const mailer = createMailer(env, logs.log);

    await mailer.send({ to: "ann@example.test", subject: "Welcome aboard", text: "Join: https://x.test/invite/abc" });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.from).toContain("shop@mallwright.test");
    expect(mail?.to).toEqual(["<ann@example.test>"]);
    expect(mail?.data).toContain("Subject: Welcome aboard");
    expect(mail?.data).toContain("https://x.test/invite/abc");
    expect(logs.text()).not.toContain("ann@example.test");
    expect(logs.text()).not.toContain("invite/abc");
  });

  it("fails with a message that names neither the recipient nor the server's reply", async () => {
    const smtp = await startSmtpServer({ rejectRcpt: true });
    cleanups.push(smtp.close);
    const mailer = createMailer(loadEnv({ SMTP_URL: smtp.url }, {}), captureLog().log);

    const error = await mailer.send({ to: "bob@example.test", subject: "Hi", text: "x" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/^Error: SMTP send failed \(EENVELOPE 550\)$/);
  });
});

describe("console mailer", () => {
  it("prints a readable block to stdout and nothing to the logger", async () => {
    const out = new PassThrough();
    let printed = "";
    out.on("data", (c: Buffer) => {
      printed += c.toString("utf8");
    });
    const logs = captureLog();
    const mailer = createMailer(loadEnv({}, {}), logs.log, out);

    await mailer.send({
      to: "cy@example.test",
      subject: "Reset",
      text: "https://x.test/reset/tok\n",
      html: "<p>x</p>",
    });

    expect(printed).toContain("To:      cy@example.test");
    expect(printed).toContain("Subject: Reset");
    expect(printed).toContain("https://x.test/reset/tok");
    expect(printed).toContain("HTML version");
    expect(logs.text()).toBe("");
  });
});

describe("memory mailer", () => {
  it("records what was sent", async () => {
    const mailer = createMemoryMailer();
    await mailer.send({ to: "d@example.test", subject: "S", text: "T" });
    expect(mailer.sent).toEqual([{ to: "d@example.test", subject: "S", text: "T" }]);
  });
});
