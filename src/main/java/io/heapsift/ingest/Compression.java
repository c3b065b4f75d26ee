package io.heapsift.ingest;

import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Compression recognized from the first bytes of a file (never from its name). */
public enum Compression {
    NONE, GZIP, ZSTD, XZ, BZIP2;

    /** Recognizes the magic number at the start of {@code head} (at least 6 bytes when available). */
    public static Compression sniff(byte[] head, int n) {
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return GZIP;
        if (n >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) return ZSTD;
        if (n >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X'
                && head[4] == 'Z' && head[5] == 0) return XZ;
        if (n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') return BZIP2;
        return NONE;
    }

    /** Wraps a raw stream in the matching decompressor. */
    public InputStream wrap(InputStream raw) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> new GZIPInputStream(raw, 1 << 16);
            case ZSTD -> new ZstdInputStream(raw);
            case XZ -> new XZInputStream(raw);
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
        };
    }
}
