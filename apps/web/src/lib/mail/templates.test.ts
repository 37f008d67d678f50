import { describe, expect, it } from "vitest";
import {
  confirmNewEmailMail,
  emailChangedMail,
  existingAccountMail,
  resetPasswordMail,
  verifyEmailMail,
} from "./templates";

const SITE = "https://todo.example.com";
const URL = `${SITE}/api/auth/reset-password/abc?callbackURL=%2Freset-password&x=1`;

describe("account mail templates", () => {
  it("escape the user's name in the HTML version and keep it as typed in the text", () => {
    const mail = verifyEmailMail(`<img src=x onerror="alert(1)"> & Co`, URL, "24 hours");
    expect(mail.html).toContain("Hi &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co,");
    expect(mail.html).not.toContain("<img");
    expect(mail.text).toContain(`Hi <img src=x onerror="alert(1)"> & Co,`);
  });

  it("carry the link in both versions, escaped in the HTML attribute", () => {
    const mail = resetPasswordMail("Ada", URL, "1 hour");
    expect(mail.text).toContain(`\n${URL}\n`);
    expect(mail.text).toContain("expires in 1 hour");
    expect(mail.html).toContain(`href="${URL.replaceAll("&", "&amp;")}"`);
  });

  it("tell the owner of an existing account how to sign in or reset the password", () => {
    const mail = existingAccountMail("Ada", `${SITE}/sign-in`, `${SITE}/forgot-password`);
    expect(mail.subject).toBe("You already have a Todo account");
    expect(mail.text).toContain(`${SITE}/sign-in`);
    expect(mail.text).toContain(`${SITE}/forgot-password`);
    expect(mail.html).toContain(`href="${SITE}/forgot-password"`);
  });

  it("tell the old address which new one the account moved to, escaped in the HTML", () => {
    const mail = emailChangedMail("Ada", "<b>x</b>@example.com", `${SITE}/settings`);
    expect(mail.text).toContain("was changed to <b>x</b>@example.com");
    expect(mail.html).toContain("&lt;b&gt;x&lt;/b&gt;@example.com");
    expect(mail.html).not.toContain("<b>x</b>");
  });

  it("ask the new address to confirm, with the link in both versions", () => {
    const mail = confirmNewEmailMail("Ada", URL, "24 hours");
    expect(mail.subject).toBe("Confirm your new email address");
    expect(mail.text).toContain(`\n${URL}\n`);
    expect(mail.html).toContain(`href="${URL.replaceAll("&", "&amp;")}"`);
  });
});
