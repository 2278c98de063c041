import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_AUTHORITY, isDemo, parseConfig } from "./config";

const BASE = "https://board.contoso.example/team/";
const CLIENT = "3f1a7c2e-5b8d-4e6f-9a0b-1c2d3e4f5a6b";

function fieldOf(text: string): string | null {
  try {
    parseConfig(text, BASE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).field;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("fills every default from an empty object (demo mode)", () => {
    const config = parseConfig("{}", BASE);
    expect(config).toEqual({
      clientId: "",
      authority: DEFAULT_AUTHORITY,
      knownAuthorities: [],
      redirectUri: "https://board.contoso.example/team/redirect.html",
      graphBaseUrl: "https://graph.microsoft.com",
      pollIntervalSeconds: 15,
      autoReauth: false,
    });
    expect(isDemo(config, "")).toBe(true);
  });

  it("keeps a full tenant configuration and trims trailing slashes", () => {
    const config = parseConfig(
      JSON.stringify({
        clientId: CLIENT,
        authority: "https://login.microsoftonline.us/contoso.onmicrosoft.com/",
        knownAuthorities: ["login.contoso.com:8443"],
        redirectUri: "http://localhost:5173/redirect.html",
        graphBaseUrl: "https://graph.microsoft.us/",
        pollIntervalSeconds: 30,
        autoReauth: true,
      }),
      BASE,
    );
    expect(config.authority).toBe("https://login.microsoftonline.us/contoso.onmicrosoft.com");
    expect(config.graphBaseUrl).toBe("https://graph.microsoft.us");
    expect(config.redirectUri).toBe("http://localhost:5173/redirect.html");
    expect(config.knownAuthorities).toEqual(["login.contoso.com:8443"]);
    expect(config.autoReauth).toBe(true);
    expect(isDemo(config, "")).toBe(false);
    expect(isDemo(config, "?demo")).toBe(true);
  });

  it("uses build-time defaults only where config.json is silent", () => {
    const config = parseConfig("{}", BASE, { clientId: CLIENT, graphBaseUrl: "https://dod-graph.microsoft.us" });
    expect(config.clientId).toBe(CLIENT);
    expect(config.graphBaseUrl).toBe("https://dod-graph.microsoft.us");
    expect(parseConfig(`{"clientId":""}`, BASE, { clientId: CLIENT }).clientId).toBe("");
  });

  it.each([
    ["not json", "{clientId:", null],
    ["an array", "[]", null],
    ["clientId a number", `{"clientId": 42}`, "clientId"],
    ["clientId not a GUID", `{"clientId": "my-app"}`, "clientId"],
    ["http authority", `{"authority": "http://login.microsoftonline.com/common"}`, "authority"],
    ["authority without tenant", `{"authority": "https://login.microsoftonline.com"}`, "authority"],
    ["authority not a URL", `{"authority": "login"}`, "authority"],
    ["knownAuthorities a string", `{"knownAuthorities": "login.contoso.com"}`, "knownAuthorities"],
    ["knownAuthorities with scheme", `{"knownAuthorities": ["https://login.contoso.com"]}`, "knownAuthorities"],
    ["http redirect off localhost", `{"redirectUri": "http://board.contoso.com/redirect.html"}`, "redirectUri"],
    ["relative redirect", `{"redirectUri": "/redirect.html"}`, "redirectUri"],
    ["graph with version", `{"graphBaseUrl": "https://graph.microsoft.com/v1.0"}`, "graphBaseUrl"],
    ["http graph", `{"graphBaseUrl": "http://graph.microsoft.com"}`, "graphBaseUrl"],
    ["interval as string", `{"pollIntervalSeconds": "15"}`, "pollIntervalSeconds"],
    ["interval too short", `{"pollIntervalSeconds": 1}`, "pollIntervalSeconds"],
    ["autoReauth as string", `{"autoReauth": "yes"}`, "autoReauth"],
    ["misspelt field", `{"clientID": "x"}`, "clientID"],
  ])("rejects %s, naming the field", (_name, text, field) => {
    expect(fieldOf(text)).toBe(field);
  });

  it("says what is wrong in words a person deploying can act on", () => {
    expect(() => parseConfig(`{"pollIntervalSeconds": 1}`, BASE)).toThrow(/pollIntervalSeconds: must be at least 5/);
    expect(() => parseConfig(`{"authority": "http://x/y"}`, BASE)).toThrow(/authority: must use https/);
  });
});
