import "./pages.css";

export function SignInScreen({ busy, onSignIn }: { busy: boolean; onSignIn: () => void }) {
  return (
    <main className="page-center">
      <section className="card" aria-labelledby="signin-title">
        <h1 id="signin-title">Presence Board</h1>
        <p>See at a glance who on your team is available, busy, in a meeting or out of office — live from Microsoft Teams.</p>
        <button type="button" className="primary" onClick={onSignIn} disabled={busy}>
          Sign in
        </button>
        <p className="muted">
          You sign in with your work account. The board reads presence and basic profiles only; it never posts or
          changes anything.
        </p>
        <p className="muted">
          <a href="?demo">Try the demo instead</a>
        </p>
      </section>
    </main>
  );
}
