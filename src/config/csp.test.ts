import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./csp";

const directive = (policy: string, name: string) =>
  policy.split("; ").find((d) => d.startsWith(`${name} `))?.slice(name.length + 1).split(" ");

describe("contentSecurityPolicy", () => {
  it("allows no inline script or style and nothing by default", () => {
    const policy = contentSecurityPolicy({});
    expect(directive(policy, "default-src")).toEqual(["'none'"]);
    expect(directive(policy, "script-src")).toEqual(["'self'"]);
    expect(directive(policy, "style-src")).toEqual(["'self'"]);
    expect(policy).not.toContain("unsafe");
  });

  it("limits connections to this site, the authority and Graph of the global cloud by default", () => {
    expect(directive(contentSecurityPolicy({}), "connect-src")).toEqual([
      "'self'",
      "https://login.microsoftonline.com",
      "https://graph.microsoft.com",
    ]);
  });

  it("follows a national cloud and known authorities from config.json", () => {
    const policy = contentSecurityPolicy({
      authority: "https://login.microsoftonline.us/contoso.onmicrosoft.us",
      knownAuthorities: ["login.contoso.us"],
      graphBaseUrl: "https://graph.microsoft.us",
    });
    expect(directive(policy, "connect-src")).toEqual([
      "'self'",
      "https://login.microsoftonline.us",
      "https://login.contoso.us",
      "https://graph.microsoft.us",
    ]);
    expect(directive(policy, "frame-src")).toEqual(["'self'", "https://login.microsoftonline.us", "https://login.contoso.us"]);
  });

  it("falls back to the defaults rather than allowing garbage", () => {
    expect(directive(contentSecurityPolicy({ authority: "not a url" }), "connect-src")).toContain("https://login.microsoftonline.com");
  });
});
