package machines;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * Ethereum's Recursive Length Prefix encoding, read strictly (SPEC section 2).
 *
 * <p>Values are web3j's {@code RlpString} and {@code RlpList}, and web3j's decoder builds them.
 * That decoder is lenient: it accepts a long-form length where the short form fits, a single
 * byte below 0x80 wrapped in a string header, lengths with leading zeros, and bytes after the
 * top-level item. Such bytes have the same value as the canonical ones but another hash, so
 * {@link #decode} first walks the bytes once and rejects anything that is not the one
 * canonical encoding, naming the byte offset where it went wrong. The encoder is our own (see
 * {@link #encode} for why).
 */
public final class Rlp {
    /** Deeper nesting is refused before any recursion could exhaust the stack. */
    public static final int MAX_DEPTH = 32;

    private Rlp() {}

    // tag::decode[]
    /** Decodes exactly one canonical RLP item, or throws {@link BadInput} saying where. */
    public static RlpType decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new BadInput("not RLP: the input is empty");
        }
        int end = checkItem(bytes, 0, bytes.length, 0);
        if (end != bytes.length) {
            throw new BadInput("trailing bytes: the RLP item ends at byte " + end
                    + " but the input has " + bytes.length + " bytes");
        }
        return RlpDecoder.decode(bytes).getValues().get(0);
    }

    /** Checks the item at {@code at}, which must end by {@code limit}; returns where it ends. */
    private static int checkItem(byte[] data, int at, int limit, int depth) {
        int prefix = data[at] & 0xff;
        if (prefix < 0x80) { // a single byte is its own encoding
            return at + 1;
        }
        if (prefix <= 0xb7) { // a string of 0 to 55 bytes
            int length = prefix - 0x80;
            int end = payloadEnd(data, at, 1, length, limit);
            if (length == 1 && (data[at + 1] & 0xff) < 0x80) {
                throw nonCanonical(at, String.format(
                        "the byte 0x%02x is below 0x80 and must stand alone, not after 0x81",
                        data[at + 1] & 0xff));
            }
            return end;
        }
        if (prefix <= 0xbf) { // a longer string: its length follows in 1 to 8 bytes
            int lengthOfLength = prefix - 0xb7;
            int length = longLength(data, at, lengthOfLength, limit);
            return payloadEnd(data, at, 1 + lengthOfLength, length, limit);
        }
        if (depth == MAX_DEPTH) {
            throw new BadInput("byte " + at + ": lists nested deeper than " + MAX_DEPTH);
        }
        int header;
        int length;
        if (prefix <= 0xf7) { // a list whose items take 0 to 55 bytes
            header = 1;
            length = prefix - 0xc0;
        } else { // a longer list
            header = 1 + prefix - 0xf7;
            length = longLength(data, at, prefix - 0xf7, limit);
        }
        int end = payloadEnd(data, at, header, length, limit);
        for (int item = at + header; item < end; ) {
            item = checkItem(data, item, end, depth + 1);
        }
        return end;
    }
    // end::decode[]

    private static int payloadEnd(byte[] data, int at, int header, int length, int limit) {
        long end = (long) at + header + length;
        if (end > limit) {
            String room = limit == data.length
                    ? "the input has only " + Math.max(0, data.length - at - header) + " left"
                    : "its list ends at byte " + limit;
            throw new BadInput("not RLP: byte " + at + ": the header says " + length
                    + " bytes follow, but " + room);
        }
        return (int) end;
    }

    private static int longLength(byte[] data, int at, int lengthOfLength, int limit) {
        if (at + 1 + lengthOfLength > limit) {
            throw new BadInput("not RLP: byte " + at + ": the header needs " + lengthOfLength
                    + " length bytes, but the input ends first");
        }
        if (data[at + 1] == 0) {
            throw nonCanonical(at, "the length has a leading zero byte");
        }
        if (lengthOfLength > 4) {
            throw new BadInput("not RLP: byte " + at + ": a length of " + lengthOfLength
                    + " bytes is larger than any input");
        }
        long length = 0;
        for (int i = 1; i <= lengthOfLength; i++) {
            length = length << 8 | (data[at + i] & 0xff);
        }
        if (length > Integer.MAX_VALUE) {
            throw new BadInput("not RLP: byte " + at + ": the length " + length
                    + " is larger than any input");
        }
        if (length <= 55) {
            throw nonCanonical(at, "the long form is used for a length of " + length
                    + ", which the short form fits");
        }
        return (int) length;
    }

    private static BadInput nonCanonical(int at, String why) {
        return new BadInput("non-canonical RLP at byte " + at + ": " + why);
    }

    // tag::encode[]
    /**
     * Encodes a value in two passes: the first measures every list (in the order the second
     * will meet them), the second writes once into an array of the right size. Linear in the
     * output. (web3j's encoder copies a list's bytes again for every item it appends, which is
     * quadratic: a mempool of 100,000 txs takes seconds.)
     */
    public static byte[] encode(RlpType value) {
        Lengths lengths = new Lengths();
        byte[] out = new byte[measure(value, lengths)];
        lengths.next = 0;
        write(value, out, 0, lengths);
        return out;
    }

    /** The payload length of every list, in the order both passes visit them. */
    private static final class Lengths {
        int[] payloads = new int[16];
        int count;
        int next;
    }

    /** Returns the encoded length of {@code value}, noting the payload of each list in it. */
    private static int measure(RlpType value, Lengths lengths) {
        if (value instanceof RlpString string) {
            byte[] bytes = string.getBytes();
            return standsAlone(bytes) ? 1 : headerLength(bytes.length) + bytes.length;
        }
        int slot = lengths.count++;
        if (slot == lengths.payloads.length) {
            lengths.payloads = Arrays.copyOf(lengths.payloads, 2 * slot);
        }
        int payload = 0;
        for (RlpType item : ((RlpList) value).getValues()) {
            payload += measure(item, lengths);
        }
        lengths.payloads[slot] = payload;
        return headerLength(payload) + payload;
    }

    private static int write(RlpType value, byte[] out, int at, Lengths lengths) {
        if (value instanceof RlpString string) {
            byte[] bytes = string.getBytes();
            if (standsAlone(bytes)) {
                out[at] = bytes[0];
                return at + 1;
            }
            at = writeHeader(0x80, bytes.length, out, at);
            System.arraycopy(bytes, 0, out, at, bytes.length);
            return at + bytes.length;
        }
        at = writeHeader(0xc0, lengths.payloads[lengths.next++], out, at);
        for (RlpType item : ((RlpList) value).getValues()) {
            at = write(item, out, at, lengths);
        }
        return at;
    }

    /** A single byte below 0x80 is its own encoding. */
    private static boolean standsAlone(byte[] bytes) {
        return bytes.length == 1 && (bytes[0] & 0xff) < 0x80;
    }

    /** 0x80 (strings) or 0xc0 (lists) plus the length, or plus 55 plus the length's length. */
    private static int writeHeader(int offset, int length, byte[] out, int at) {
        if (length <= 55) {
            out[at] = (byte) (offset + length);
            return at + 1;
        }
        int lengthOfLength = headerLength(length) - 1;
        out[at] = (byte) (offset + 55 + lengthOfLength);
        for (int i = lengthOfLength; i >= 1; i--) {
            out[at + i] = (byte) length;
            length >>>= 8;
        }
        return at + 1 + lengthOfLength;
    }

    private static int headerLength(int length) {
        if (length <= 55) {
            return 1;
        }
        return 1 + (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
    }
    // end::encode[]

    // tag::scalar[]
    /** Reads an integer: big-endian bytes with no leading zero byte; 0 is the empty string. */
    public static BigInteger scalar(RlpType item, String name) {
        byte[] bytes = bytes(item, name);
        if (bytes.length > 0 && bytes[0] == 0) {
            throw new BadInput(name + " has a leading zero byte; integers are minimal big-endian");
        }
        return new BigInteger(1, bytes);
    }

    public static RlpString scalar(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("RLP integers are not negative: " + value);
        }
        return RlpString.create(value); // web3j drops the sign byte and encodes 0 as empty
    }
    // end::scalar[]

    public static RlpString scalar(long value) {
        return scalar(BigInteger.valueOf(value));
    }

    /** The bytes of an RLP string; a list where a string belongs is an error naming {@code name}. */
    public static byte[] bytes(RlpType item, String name) {
        if (item instanceof RlpString string) {
            return string.getBytes();
        }
        throw new BadInput(name + " must be a string, got a list");
    }

    /** The items of an RLP list; a string where a list belongs is an error naming {@code name}. */
    public static List<RlpType> list(RlpType item, String name) {
        if (item instanceof RlpList list) {
            return list.getValues();
        }
        throw new BadInput(name + " must be a list, got a string");
    }

    public static RlpString ascii(String text) {
        return RlpString.create(text.getBytes(StandardCharsets.US_ASCII));
    }
}
