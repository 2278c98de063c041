import { useEffect, useRef, useSyncExternalStore } from "react";
import { useSession } from "./session";
import { errorLog } from "../ui/errorLog";
import type { PollStatus } from "./usePresencePolling";

const time = (ms: number | null) => (ms ? new Date(ms).toLocaleTimeString() : "—");

/** For a support person: what the board is doing and what went wrong lately. Never shows tokens. */
export function DiagnosticsPanel({ poll, onClose, watched }: { poll: PollStatus; onClose: () => void; watched: number }) {
  const session = useSession();
  const errors = useSyncExternalStore(errorLog.subscribe, errorLog.entries);
  const stats = session.graph.stats;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="diagnostics" aria-labelledby="diag-title" onClose={onClose}>
      <h2 id="diag-title">Diagnostics</h2>
      <dl>
        <dt>Mode</dt>
        <dd>{session.mode === "demo" ? "Demo tenant" : "Microsoft tenant"}</dd>
        <dt>People watched</dt>
        <dd>{watched}</dd>
        <dt>Poll interval</dt>
        <dd>{session.pollIntervalSeconds} s</dd>
        <dt>Polls</dt>
        <dd>{poll.polls}</dd>
        <dt>Last successful update</dt>
        <dd>{time(poll.updatedAt)}</dd>
        <dt>Next poll</dt>
        <dd>{time(poll.nextPollAt)}</dd>
        <dt>Failures in a row</dt>
        <dd>{poll.consecutiveFailures}</dd>
        <dt>Graph requests / failed / throttled</dt>
        <dd>
          {stats.requests} / {stats.failures} / {stats.throttled}
        </dd>
        <dt>Graph asked to wait until</dt>
        <dd>{stats.notBefore > Date.now() ? time(stats.notBefore) : "—"}</dd>
        <dt>Last Graph error</dt>
        <dd>{stats.lastError ? `${time(stats.lastError.at)} HTTP ${stats.lastError.status} ${stats.lastError.code}${stats.lastError.requestId ? ` (request-id ${stats.lastError.requestId})` : ""}` : "—"}</dd>
        <dt>Access token expires</dt>
        <dd>{time(session.tokenExpiresAt())}</dd>
        <dt>Display errors</dt>
        <dd>{errorLog.total()}</dd>
      </dl>
      {errors.length ? (
        <>
          <h3>Recent errors</h3>
          <ul className="diag-errors">
            {errors.map((e, i) => (
              <li key={i}>
                {time(e.at)} — {e.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <form method="dialog">
        <button type="submit" className="primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
