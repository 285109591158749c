package machines;

/** Byte strings as JSON shows them: {@code 0x}-prefixed lowercase hex (SPEC section 2). */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    public static String of(byte[] bytes) {
        char[] out = new char[2 + 2 * bytes.length];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Parses {@code 0x}-prefixed hex (either case); throws {@link BadInput} otherwise. */
    public static byte[] parse(String text) {
        if (!text.startsWith("0x") || text.length() % 2 != 0) {
            throw new BadInput("not 0x-prefixed hex with an even number of digits: '" + text + "'");
        }
        byte[] out = new byte[(text.length() - 2) / 2];
        for (int i = 0; i < out.length; i++) {
            int high = Character.digit(text.charAt(2 + 2 * i), 16);
            int low = Character.digit(text.charAt(3 + 2 * i), 16);
            if (high < 0 || low < 0) {
                throw new BadInput("not a hex digit in '" + text + "' at character " + (2 + 2 * i));
            }
            out[i] = (byte) (high << 4 | low);
        }
        return out;
    }
}
