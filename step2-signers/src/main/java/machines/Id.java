package machines;

import java.util.Arrays;

/**
 * The name of a child machine: exactly 32 bytes. Ids sort as unsigned bytes, left to right
 * (SPEC section 2), which is the order of the keys in every mempool.
 */
public final class Id implements Comparable<Id> {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private Id(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Id of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new BadInput("an id must be " + LENGTH + " bytes, got " + bytes.length);
        }
        return new Id(bytes.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public int compareTo(Id other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Id id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.of(bytes);
    }
}
