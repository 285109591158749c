package machines;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 as Ethereum uses it (the original Keccak padding). Not the JDK's "SHA3-256", which
 * pads differently and gives other hashes.
 */
public final class Keccak {
    private Keccak() {}

    // tag::hash[]
    public static byte[] hash(byte[] data) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(data, 0, data.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
    // end::hash[]
}
