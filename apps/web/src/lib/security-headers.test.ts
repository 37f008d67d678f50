import { describe, expect, it } from "vitest";
import { pageContentSecurityPolicy, strictTransportSecurity } from "./security-headers";

const directives = (policy: string) =>
  Object.fromEntries(
    policy.split("; ").map((directive) => {
      const [name, ...values] = directive.split(" ");
      return [name, values.join(" ")];
    }),
  );

describe("pageContentSecurityPolicy", () => {
  it("runs scripts by nonce only and lets the browser call the API", () => {
    const policy = directives(
      pageContentSecurityPolicy({
        nonce: "bm9uY2U=",
        apiUrl: "https://api.example/base",
        development: false,
      }),
    );
    expect(policy["script-src"]).toBe("'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(policy["connect-src"]).toBe("'self' https://api.example");
    expect(policy["worker-src"]).toBe("'self'");
    expect(policy).toMatchObject({
      "default-src": "'self'",
      "object-src": "'none'",
      "base-uri": "'self'",
      "frame-ancestors": "'none'",
    });
  });

  it("allows eval in development only", () => {
    const options = { nonce: "bm9uY2U=", apiUrl: "http://localhost:8000" };
    expect(pageContentSecurityPolicy({ ...options, development: true })).toContain(
      "'strict-dynamic' 'unsafe-eval';",
    );
    expect(pageContentSecurityPolicy({ ...options, development: false })).not.toContain(
      "unsafe-eval",
    );
  });
});

describe("strictTransportSecurity", () => {
  it("is sent for an https:// origin only", () => {
    expect(strictTransportSecurity("https://todo.example")).toBe(
      "max-age=31536000; includeSubDomains",
    );
    expect(strictTransportSecurity("http://localhost:3000")).toBeUndefined();
  });
});
