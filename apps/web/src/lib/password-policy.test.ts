import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./password-policy";
import { passwordStrength } from "./password-strength";

describe("isCommonPassword", () => {
  it("finds passwords of the common breached-password list, whatever their case", () => {
    for (const password of ["password", "Password", "PASSWORD1", "iloveyou", "qwertyuiop"]) {
      expect(isCommonPassword(password), password).toBe(true);
    }
  });

  it("lets other passwords through", () => {
    for (const password of ["another-password", "pw-3f9a8b7c6d5e4f3a", "correct horse battery"]) {
      expect(isCommonPassword(password), password).toBe(false);
    }
  });
});

describe("passwordStrength", () => {
  it("says what the server refuses, then zxcvbn's estimate", () => {
    expect(passwordStrength("Password1")).toBe("too-common");
    expect(passwordStrength("x7#q")).toBe("too-short");
    expect(passwordStrength("aaaaaaaaaaa")).toBe("weak");
    expect(passwordStrength("correct horse battery staple")).toBe("strong");
  });
});
