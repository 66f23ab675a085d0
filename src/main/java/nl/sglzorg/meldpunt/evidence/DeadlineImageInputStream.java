package nl.sglzorg.meldpunt.evidence;

import java.io.IOException;
import javax.imageio.IIOException;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An image input that fails every read once the decode time is up: it stops a reader that does not
 * stop when asked. TwelveMonkeys' WebP reader ignores {@link javax.imageio.ImageReader#abort()}, and
 * its bit reader takes the end of the file for more bits, at the cost of an exception a read: a
 * lossless image of 20 megapixels whose stream ends after its prefix codes (a file of 40 bytes) would
 * decode for many minutes. A read past the deadline fails with an {@link IIOException}, which the
 * reader does not catch (it catches only the end of the file).
 */
final class DeadlineImageInputStream extends ImageInputStreamImpl {

    /** Called before every read. */
    interface Deadline {

        /** @throws IIOException the time is up */
        void beforeRead() throws IIOException;
    }

    private final ImageInputStream in;
    private final Deadline deadline;

    DeadlineImageInputStream(ImageInputStream in, Deadline deadline) {
        this.in = in;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        deadline.beforeRead();
        bitOffset = 0;
        int b = in.read();
        if (b >= 0) {
            streamPos++;
        }
        return b;
    }

    /** Reads {@code length} bytes unless the file ends first: {@code readInt} and the like take fewer for the end. */
    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        deadline.beforeRead();
        bitOffset = 0;
        int read = 0;
        while (read < length) {
            int n = in.read(bytes, offset + read, length - read);
            if (n <= 0) {
                break;
            }
            read += n;
        }
        streamPos += read;
        return read == 0 && length > 0 ? -1 : read;
    }

    @Override
    public void seek(long position) throws IOException {
        super.seek(position);
        in.seek(position);
    }

    @Override
    public void flushBefore(long position) throws IOException {
        super.flushBefore(position);
        in.flushBefore(position);
    }

    @Override
    public long length() {
        try {
            return in.length();
        } catch (IOException e) {
            return -1; // unknown, as ImageInputStream allows
        }
    }

    @Override
    public void close() throws IOException {
        super.close();
        in.close();
    }
}
