package machines;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * A transaction: the RLP list {@code [method, arg...]} (SPEC section 3), read into one record
 * per method. Reading checks everything a tx can get wrong on its own (method, argument count,
 * types, bounds), so a {@code Tx} that exists is well-formed; whether a machine accepts it is
 * that machine's call.
 */
public sealed interface Tx {
    /** The method's name as it travels: ASCII. */
    String method();

    /** The tx as RLP: {@code [method, arg...]}. */
    RlpList encode();

    // tag::add[]
    /** {@code add(amount)}: the machine's counter += amount, with 1 <= amount < 2^64. */
    record Add(BigInteger amount) implements Tx {
        public Add {
            if (amount.signum() <= 0) {
                throw new BadInput("add: amount must be >= 1, got " + amount);
            }
            if (amount.bitLength() > 64) {
                throw new BadInput("add: amount must be < 2^64, got " + amount);
            }
        }

        public Add(long amount) {
            this(BigInteger.valueOf(amount));
        }

        @Override
        public String method() {
            return "add";
        }

        @Override
        public RlpList encode() {
            return new RlpList(Rlp.ascii("add"), Rlp.scalar(amount));
        }
    }
    // end::add[]

    // tag::create-signer[]
    /** {@code createSigner(id)}: the server adds a signer with that 32-byte id and counter 0. */
    record CreateSigner(Id id) implements Tx {
        @Override
        public String method() {
            return "createSigner";
        }

        @Override
        public RlpList encode() {
            return new RlpList(Rlp.ascii("createSigner"), RlpString.create(id.bytes()));
        }
    }
    // end::create-signer[]

    // tag::decode[]
    /** Reads a tx, or throws {@link BadInput} saying what is wrong with it. */
    static Tx decode(RlpType item) {
        List<RlpType> parts = Rlp.list(item, "a tx [method, arg...]");
        if (parts.isEmpty()) {
            throw new BadInput("a tx is [method, arg...], got an empty list");
        }
        String method = methodName(Rlp.bytes(parts.get(0), "method"));
        List<RlpType> args = parts.subList(1, parts.size());
        switch (method) {
            case "add":
                expectArgs(method, args, "amount");
                return new Add(Rlp.scalar(args.get(0), "add: amount"));
            case "createSigner":
                expectArgs(method, args, "id");
                try {
                    return new CreateSigner(Id.of(Rlp.bytes(args.get(0), "id")));
                } catch (BadInput e) {
                    throw e.at("createSigner");
                }
            default:
                throw new BadInput("unknown method '" + method + "' (methods: add, createSigner)");
        }
    }
    // end::decode[]

    // tag::method-name[]
    private static String methodName(byte[] name) {
        if (name.length == 0) {
            throw new BadInput("method must not be empty");
        }
        for (byte b : name) {
            if (b < 0x21 || b > 0x7e) {
                throw new BadInput(String.format(
                        "method must be printable ASCII, got the byte 0x%02x", b & 0xff));
            }
        }
        return new String(name, StandardCharsets.US_ASCII);
    }

    private static void expectArgs(String method, List<RlpType> args, String... names) {
        if (args.size() != names.length) {
            throw new BadInput(method + " takes " + names.length
                    + (names.length == 1 ? " argument" : " arguments")
                    + " (" + String.join(", ", names) + "), got " + args.size());
        }
    }
    // end::method-name[]
}
