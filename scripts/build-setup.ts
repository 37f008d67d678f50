import { execFileSync } from "node:child_process";
import { REPO_ROOT } from "@todo/stack";

export default function setup() {
  execFileSync(process.execPath, ["scripts/build.js"], { cwd: REPO_ROOT, stdio: "inherit" });
}
