/** A run of whole source lines (0-based, inclusive) that the output replaces with one marker line. */
export interface Elision {
  first: number;
  last: number;
  /** What the lines are, for the marker: `body of parseHeaders`, `comment`. */
  what: string;
  /**
   * `body`: the marker is a line comment at the body's indentation. `comment`: it continues the comment's own prefix.
   */
  kind: 'body' | 'comment';
  /**
   * Indentation for a body marker when the body's own first line fixes it (Python blocks, whose elided part may start
   * on a docstring continuation line).
   */
  indent?: string;
}

/**
 * A marker line costs ~40 tokens (its id alone ~10), about four lines of code: shorter runs stay. Measured on the
 * bench files, 5 lines gives the smallest output; a minimum in characters on top of it only made outputs larger.
 */
export const MIN_ELIDED_LINES = 5;
