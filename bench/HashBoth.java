import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The JVM's own floor for what {@code openssl dgst -sha256} does: prints the SHA-256 of each file
 * named, read in 64 KB blocks from a {@code FileInputStream} into the JDK's {@code MessageDigest},
 * one file after the other, as the CLI reads and hashes its inputs. {@code bench/run} compiles it
 * once and times it as (g), with the JVM options the launcher uses, so that the CLI's time splits
 * into what any JVM that hashes both inputs pays and what the diff adds.
 */
public final class HashBoth {
    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        byte[] buffer = new byte[64 * 1024];
        for (String name : args) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new FileInputStream(name)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
            System.out.println(HexFormat.of().formatHex(digest.digest()) + "  " + name);
        }
    }
}
