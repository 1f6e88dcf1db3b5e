package dev.hotpatch.core.archive;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * Reads a zip entry compressed with neither of the two methods a JVM can load (stored, deflated)
 * through commons-compress. A class of its own, so that a run that never meets such an entry never
 * loads commons-compress's zip reader.
 */
final class OtherMethods {
    private OtherMethods() {
    }

    static InputStream open(ZipArchive archive, ByteRange bytes, ZipDirectory.Record record, String where)
            throws IOException {
        synchronized (archive) {
            if (archive.otherMethods == null) {
                archive.otherMethods = ZipFile.builder().setSeekableByteChannel(bytes.openChannel())
                        .setCharset(StandardCharsets.UTF_8).setIgnoreLocalFileHeader(true).get();
            }
            ZipFile zip = (ZipFile) archive.otherMethods;
            for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                if (e.getLocalHeaderOffset() == record.header() && Arrays.equals(e.getRawName(), record.rawName())) {
                    if (!zip.canReadEntryData(e)) {
                        break;
                    }
                    return zip.getInputStream(e);
                }
            }
        }
        throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, where,
                "The entry uses compression method " + ZipMethod.getMethodByCode(record.method()) + " ("
                        + record.method() + "), which cannot be read.");
    }
}
