/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_CLIENT_ID?: string;
  readonly VITE_AUTHORITY?: string;
  readonly VITE_GRAPH_BASE_URL?: string;
}
