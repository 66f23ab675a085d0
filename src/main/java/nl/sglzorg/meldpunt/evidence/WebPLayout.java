package nl.sglzorg.meldpunt.evidence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The chunks of a WebP file, walked before it is decoded, and the one layout of each kind that
 * Meldpunt decodes. The sanitiser's decode time does not bound TwelveMonkeys' WebP reader: its
 * lossless decoder reports no progress, and neither of its decoders stops when asked
 * ({@link javax.imageio.ImageReader#abort()}). And in an extended file ({@code VP8X}) the reader
 * decodes every image chunk up to the end of the file, each at the canvas's size whatever size the
 * chunk says: a few kilobytes of tiny chunks on a large canvas would keep it busy for hours. So only
 * a still image of one image chunk, of the canvas's size, is decoded.
 *
 * <p>Taken: a plain lossy ({@code VP8 }) or lossless ({@code VP8L}) file, that one chunk; or
 * {@code VP8X}, then one image chunk, a lossy image's alpha ({@code ALPH}), and the metadata chunks
 * {@code ICCP}, {@code EXIF} and {@code XMP }, each at most once, in any order. Refused: an
 * animation ({@code ANIM}, {@code ANMF}), any other chunk, a chunk that runs past the file, an image
 * chunk whose size is not the canvas's.
 *
 * @param width the image's width, from its header
 * @param height the image's height, from its header
 * @param separateAlpha whether a lossy image has its alpha in an {@code ALPH} chunk
 */
record WebPLayout(int width, int height, boolean separateAlpha) {

    private static final String LOSSY = "VP8 ";
    private static final String LOSSLESS = "VP8L";
    private static final String EXTENDED = "VP8X";
    private static final String ALPHA = "ALPH";
    /** What may follow {@code VP8X}: the image, its alpha, and metadata the decoder never reads. */
    private static final Set<String> EXTENDED_CHUNKS = Set.of(LOSSY, LOSSLESS, ALPHA, "ICCP", "EXIF", "XMP ");
    /** {@code VP8X}, the image, its alpha and the three metadata chunks: the walk stops at one more. */
    private static final int MAX_CHUNKS = 6;
    private static final int ANIMATION_FLAG = 0x02;
    private static final int LOSSLESS_SIGNATURE = 0x2f;

    /** A chunk: its four-character code, and where its payload starts and how long it is. */
    private record Chunk(String fourCC, long offset, long length) {
    }

    private record Size(int width, int height) {
    }

    /**
     * The layout of a WebP file (one {@link ImageSanitiser#sniff} took for one), read from its chunk
     * headers and the first bytes of its image chunk. One read per chunk, nothing decoded.
     *
     * @throws EvidenceRefusedException any other layout ({@code 415})
     */
    static WebPLayout read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<Chunk> chunks = chunks(channel, riffEnd(channel));
            return chunks.get(0).fourCC().equals(EXTENDED) ? extended(channel, chunks) : plain(channel, chunks);
        }
    }

    /**
     * The bytes a pixel the reader allocates besides the image: it decodes an {@code ALPH} chunk (a
     * lossless image whose green is the alpha) into a raster of 4 bytes a pixel of its own.
     */
    long scratchBytesPerPixel() {
        return separateAlpha ? 4 : 0;
    }

    private static WebPLayout plain(FileChannel channel, List<Chunk> chunks) throws IOException {
        Chunk image = chunks.get(0);
        if (chunks.size() > 1 || !isImage(image)) {
            throw notOneStillImage();
        }
        Size size = size(channel, image);
        return new WebPLayout(size.width(), size.height(), false);
    }

    private static WebPLayout extended(FileChannel channel, List<Chunk> chunks) throws IOException {
        Chunk header = chunks.get(0);
        if (header.length() != 10) {
            throw ImageSanitiser.damaged();
        }
        ByteBuffer flagsAndCanvas = read(channel, header.offset(), 10);
        if ((flagsAndCanvas.get(0) & ANIMATION_FLAG) != 0) {
            throw notOneStillImage();
        }
        Size canvas = new Size(1 + unsigned24(flagsAndCanvas, 4), 1 + unsigned24(flagsAndCanvas, 7));
        Chunk image = theOneImage(chunks.subList(1, chunks.size()));
        if (!size(channel, image).equals(canvas)) {
            // The reader would decode the image at the canvas's size, whatever size the image has.
            throw ImageSanitiser.damaged();
        }
        return new WebPLayout(canvas.width(), canvas.height(), hasChunk(chunks, ALPHA));
    }

    /**
     * The image chunk among what follows {@code VP8X}: exactly one, with only the chunks
     * {@link #EXTENDED_CHUNKS} beside it, each once, and an alpha chunk only beside a lossy image (a
     * lossless one has its own).
     */
    private static Chunk theOneImage(List<Chunk> chunks) {
        Set<String> seen = new HashSet<>();
        for (Chunk chunk : chunks) {
            if (!EXTENDED_CHUNKS.contains(chunk.fourCC()) || !seen.add(chunk.fourCC())) {
                throw notOneStillImage();
            }
        }
        List<Chunk> images = chunks.stream().filter(WebPLayout::isImage).toList();
        if (images.size() != 1 || (seen.contains(ALPHA) && !images.get(0).fourCC().equals(LOSSY))) {
            throw notOneStillImage();
        }
        return images.get(0);
    }

    /**
     * The size an image chunk's own header gives: a lossless one's 14-bit width and height - 1 after
     * its signature; a lossy one's 14-bit width and height after the start code of its key frame.
     */
    private static Size size(FileChannel channel, Chunk image) throws IOException {
        if (image.fourCC().equals(LOSSLESS)) {
            ByteBuffer header = head(channel, image, 5);
            int bits = header.getInt(1); // width - 1, height - 1, alpha used, version 0
            if ((header.get(0) & 0xFF) != LOSSLESS_SIGNATURE || bits >>> 29 != 0) {
                throw ImageSanitiser.damaged();
            }
            return new Size(1 + (bits & 0x3fff), 1 + ((bits >>> 14) & 0x3fff));
        }
        ByteBuffer frame = head(channel, image, 10);
        boolean keyFrame = (frame.get(0) & 1) == 0;
        if (!keyFrame || (frame.get(3) & 0xFF) != 0x9d || frame.get(4) != 0x01 || frame.get(5) != 0x2a) {
            throw ImageSanitiser.damaged();
        }
        return new Size(frame.getShort(6) & 0x3fff, frame.getShort(8) & 0x3fff);
    }

    /** The first {@code length} bytes of a chunk's payload; refused when it is shorter. */
    private static ByteBuffer head(FileChannel channel, Chunk chunk, int length) throws IOException {
        if (chunk.length() < length) {
            throw ImageSanitiser.damaged();
        }
        return read(channel, chunk.offset(), length);
    }

    /**
     * Where the RIFF container ends, by its header: refused when that is past the end of the file.
     * Bytes after it are left alone, as the reader leaves them.
     */
    private static long riffEnd(FileChannel channel) throws IOException {
        long end = 8 + Integer.toUnsignedLong(read(channel, 0, 12).getInt(4));
        if (end > channel.size()) {
            throw ImageSanitiser.damaged();
        }
        return end;
    }

    /**
     * The chunks of the container, each checked to end (padded to an even length) within it; at
     * most {@link #MAX_CHUNKS}, so a file of a million empty chunks is not listed.
     */
    private static List<Chunk> chunks(FileChannel channel, long end) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        long at = 12;
        while (at < end) {
            if (chunks.size() == MAX_CHUNKS) {
                throw notOneStillImage();
            }
            if (end - at < 8) {
                throw ImageSanitiser.damaged();
            }
            ByteBuffer header = read(channel, at, 8);
            long length = Integer.toUnsignedLong(header.getInt(4));
            long next = at + 8 + length + (length & 1);
            if (next > end) {
                throw ImageSanitiser.damaged();
            }
            chunks.add(new Chunk(new String(header.array(), 0, 4, StandardCharsets.ISO_8859_1), at + 8, length));
            at = next;
        }
        if (chunks.isEmpty()) {
            throw ImageSanitiser.damaged();
        }
        return chunks;
    }

    private static boolean isImage(Chunk chunk) {
        return chunk.fourCC().equals(LOSSY) || chunk.fourCC().equals(LOSSLESS);
    }

    private static boolean hasChunk(List<Chunk> chunks, String fourCC) {
        return chunks.stream().anyMatch(chunk -> chunk.fourCC().equals(fourCC));
    }

    private static int unsigned24(ByteBuffer buffer, int at) {
        return (buffer.get(at) & 0xFF) | (buffer.get(at + 1) & 0xFF) << 8 | (buffer.get(at + 2) & 0xFF) << 16;
    }

    /** {@code length} bytes from {@code position}, little-endian as RIFF is; refused when the file ends first. */
    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw ImageSanitiser.damaged();
            }
        }
        return buffer.flip();
    }

    private static EvidenceRefusedException notOneStillImage() {
        return EvidenceRefusedException.notAnImage("De WebP-afbeelding is niet opgebouwd als één stilstaand beeld en"
                + " wordt niet gelezen.");
    }
}
