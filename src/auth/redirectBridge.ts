import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

// The identity platform lands here after sign-in or silent renewal; MSAL forwards the answer to the app.
void broadcastResponseToMainFrame().catch(() => {
  // No auth payload (someone opened the page directly): go to the board instead of showing a blank page.
  window.location.replace(new URL("./", window.location.href).toString());
});
