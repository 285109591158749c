package machines;

/**
 * An input that needs the API token and came without it (SPEC section 6): inputs for the server
 * or a signer do. The web adapter answers 401, and nothing changes.
 */
public final class Unauthorized extends RuntimeException {
    public Unauthorized(String message) {
        super(message, null, false, false);
    }
}
