import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConfigError, isDemo } from "./config/config";
import { loadConfig } from "./config/loadConfig";
import { ConfigErrorPage } from "./app/ConfigErrorPage";
import { applyThemeEarly } from "./board/viewPrefs";
import "./ui/theme.css";

applyThemeEarly();
const root = createRoot(document.getElementById("root")!);

async function start() {
  let config;
  try {
    config = await loadConfig();
  } catch (error) {
    root.render(<ConfigErrorPage error={error instanceof ConfigError ? error : new ConfigError(null, String(error))} />);
    return;
  }
  // Demo and tenant code are separate chunks: a production user with a tenant downloads none of the demo.
  if (isDemo(config, window.location.search)) {
    const { DemoApp } = await import("./app/DemoApp");
    root.render(
      <StrictMode>
        <DemoApp config={config} />
      </StrictMode>,
    );
  } else {
    const { startTenantApp } = await import("./app/TenantApp");
    const app = await startTenantApp(config);
    root.render(<StrictMode>{app}</StrictMode>);
  }
}

void start();
