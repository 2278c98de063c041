import type { ConfigError } from "../config/config";
import "./pages.css";

/** A broken config.json must never give a blank page: say which field is wrong and where to fix it. */
export function ConfigErrorPage({ error }: { error: ConfigError }) {
  return (
    <main className="page-center" role="main">
      <section className="card" aria-labelledby="config-error-title">
        <h1 id="config-error-title">Presence Board can’t start: config.json needs fixing</h1>
        {error.field ? (
          <p>
            Field <code>{error.field}</code>: {error.message.replace(`${error.field}: `, "")}
          </p>
        ) : (
          <p>{error.message}</p>
        )}
        <p className="muted">
          Edit <code>config.json</code> next to <code>index.html</code> on your web server and reload. Remove the{" "}
          <code>clientId</code> field to open the built-in demo instead.
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </section>
    </main>
  );
}
