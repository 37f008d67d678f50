/**
 * A real SMTP server on a free local port (the `smtp-server` package) that keeps what it
 * receives, for tests of the SMTP path. STARTTLS is off and AUTH is allowed in the clear, so a
 * client must log in with the URL's user and password.
 */
import type { AddressInfo } from "node:net";
import { text } from "node:stream/consumers";
import { SMTPServer } from "smtp-server";

export interface SmtpSink {
  /** `smtp://user:pass@127.0.0.1:<port>` */
  url: string;
  /** The raw messages received, in order. */
  messages: string[];
  close(): Promise<void>;
}

export async function startSmtpSink(user = "mailer", pass = "secret"): Promise<SmtpSink> {
  const messages: string[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, _session, callback) {
      text(stream).then((raw) => {
        messages.push(raw);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
