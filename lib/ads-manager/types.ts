/**
 * What the Ads Manager readers return. Readers never throw into the page and never guess: anything
 * they cannot find is `null`/'unknown' and named in `problems`, so the overlay can say "can't read this".
 */

export type CommentsReading =
  | { kind: 'count'; value: number } // a visible count, e.g. "2,134", "1.2K", "0"
  | { kind: 'listed'; count: number } // comments shown as a list, no count
  | { kind: 'off' } // the preview says comments are turned off
  | { kind: 'unknown' };

export type IdentityReading =
  | { kind: 'spark'; label: string | null } // the creator's own ("Use TikTok account to deliver Spark Ads"; older UI "Use TikTok post")
  | { kind: 'custom'; label: string | null; switchedOff?: true } // "Custom identity", or the Spark switch off: a plain in-feed ad
  | { kind: 'none' } // no identity choice shows on the page: a preview drawer on a list, or the current flow, where the identity follows the post
  | { kind: 'unknown' }; // an identity choice shows, but what it says cannot be told

export interface PreviewReading {
  /** False while the preview is an empty placeholder (not rendered yet). */
  rendered: boolean;
  /** The creator's handle without @, lower case; null when the preview shows none. */
  handle: string | null;
  /** The name shown where the handle belongs when there is no @handle (brand display name). */
  displayName: string | null;
  avatar: 'present' | 'absent' | 'unknown';
  comments: CommentsReading;
  identity: IdentityReading;
  /** The post id the preview or the form names, when visible. */
  postId: string | null;
  /** Parts that could not be read, in the buyer's words ("the comment count"). */
  problems: string[];
}

export interface StatusRow {
  /** Stable while the row is on screen: the name text, or a position when there is none. */
  key: string;
  name: string | null;
  /** Primary status as shown, e.g. "Not delivering"; null when unreadable. */
  status: string | null;
  /** Secondary reason under the status, e.g. "Creator hasn't granted authorization". */
  reason: string | null;
  notDelivering: boolean;
  /**
   * On a not-delivering row, the node the visible status line's last text came from: something put
   * right after it sits at the end of the words the buyer reads. Null on other rows.
   */
  statusEnd: Node | null;
  /** The row element (`tr`, role=row) where the list has them. */
  rowElement: Element | null;
  /** The status cell (or the element inside it that holds the status). */
  statusElement: Element;
}

export interface StatusList {
  layout: 'table' | 'grid' | 'virtual';
  element: Element;
  rows: StatusRow[];
  /** Set when the list is recognisable but its status column is not. */
  problem: string | null;
  /** Too long to read at once (see ReadListOptions.maxRows): its rows are to be read in slices. */
  unread?: boolean;
}
