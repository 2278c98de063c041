import { Component, type ErrorInfo, type ReactNode } from "react";
import { recordError } from "./errorLog";

interface Props {
  /** What failed, in the person's words ("this tile", "the board"). */
  label: string;
  children: ReactNode;
  /** Compact fallback for tiles. */
  compact?: boolean;
}

/** One bad record must never take the page down: the failing part shows a note, the rest keeps working. */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    recordError(`Display of ${this.props.label} failed: ${error.message}`, info.componentStack ?? undefined);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return this.props.compact ? (
      <li className="tile tile-failed" role="note">
        This person could not be shown.
      </li>
    ) : (
      <div role="alert" className="banner banner-error">
        Something went wrong showing {this.props.label}.{" "}
        <button type="button" onClick={() => this.setState({ failed: false })}>
          Try again
        </button>
      </div>
    );
  }
}
