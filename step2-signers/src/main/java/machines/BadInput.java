package machines;

/**
 * An input, transaction or stored value that breaks the rules. The message says what was wrong
 * and where ({@code tx 3: add: amount must be >= 1, got 0}); callers add the "where" on the way
 * out with {@link #at}.
 */
public final class BadInput extends RuntimeException {
    public BadInput(String message) {
        super(message, null, false, false); // no stack trace: this is an answer, not a crash
    }

    // tag::at[]
    /** The same error, one level further out: {@code at("tx 3")} turns "x" into "tx 3: x". */
    public BadInput at(String where) {
        return new BadInput(where + ": " + getMessage());
    }
    // end::at[]
}
