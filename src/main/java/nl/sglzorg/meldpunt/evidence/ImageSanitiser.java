package nl.sglzorg.meldpunt.evidence;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadUpdateListener;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns an uploaded file into a clean image, or refuses it. The type is read from the file's first
 * bytes, never from its name or a header the client sent. The image is decoded and encoded anew,
 * which leaves behind everything but the pixels: EXIF, GPS positions, comments, trailing data. A
 * JPEG stays a JPEG, a PNG a PNG; a WebP becomes a PNG (Java cannot write WebP). Plain Java.
 *
 * <p>What a decode may cost is bounded before it starts and while it runs: the pixels and the bytes
 * they unpack into, read from the header ({@link Limits}); the scans of a JPEG, counted by walking its
 * markers (a progressive JPEG decodes the whole image once per scan, and a scan can be repeated
 * thousands of times in a few kilobytes); the chunks of a WebP, walked to take only one image chunk
 * of the canvas's size ({@link WebPLayout}: its reader cannot be stopped); and the time the decoder
 * takes, checked on every row it delivers (the JDK's JPEG reader refuses {@link ImageReader#abort()}
 * from any other thread than the one reading, so the check runs on that thread, in a read listener).
 */
public final class ImageSanitiser {

    /** The image types Meldpunt takes, by their magic numbers. */
    public enum Format {
        JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }

        /** What the image is stored as: WebP becomes PNG. */
        Format storedAs() {
            return this == WEBP ? PNG : this;
        }
    }

    /** The clean image written to the target file, and what identifies the original. */
    public record Result(Format original, long originalSize, String originalSha256, Format stored, long storedSize,
            int width, int height) {
    }

    /**
     * What decoding one image may take.
     *
     * @param maxPixels width × height, from the header
     * @param maxDecodedBytes width × height × the bytes a decoded pixel takes (8 for a 16-bit RGBA PNG)
     * @param decodeTime how long the decoder may run before it is stopped and the image refused
     */
    public record Limits(long maxPixels, long maxDecodedBytes, Duration decodeTime) {
    }

    /**
     * The most scans a JPEG may have: a baseline JPEG has 1 (up to 4 with one per component), a
     * progressive one about 10 (libjpeg's and the JDK's default scripts).
     */
    static final int MAX_JPEG_SCANS = 20;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final float JPEG_QUALITY = 0.9f;

    private ImageSanitiser() {
    }

    /** The format the first bytes announce, if it is one Meldpunt takes. */
    public static Optional<Format> sniff(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(Format.JPEG);
        }
        if (head.length >= 8 && Arrays.equals(head, 0, 8, PNG_SIGNATURE, 0, 8)) {
            return Optional.of(Format.PNG);
        }
        if (head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(Format.WEBP);
        }
        return Optional.empty();
    }

    /**
     * Reads {@code original}, checks it, and writes the clean image to {@code target}. The image is
     * decoded into {@code pixels} where it fits there; one decode at a time may use them.
     *
     * @throws EvidenceRefusedException not a JPEG, PNG or WebP that reads to its end, a JPEG of more
     *         than {@value #MAX_JPEG_SCANS} scans, a WebP of another layout than {@link WebPLayout}
     *         takes, or one the decoder cannot read within
     *         {@link Limits#decodeTime()} ({@code 415}); more pixels or decoded bytes than the limits
     *         allow ({@code 413}); {@code target} is then incomplete
     */
    public static Result sanitise(Path original, Path target, Limits limits, PixelBuffer pixels) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(original)) {
            head = in.readNBytes(12);
        }
        Format format = sniff(head).orElseThrow(() -> EvidenceRefusedException.notAnImage(
                "Het bestand is geen JPEG-, PNG- of WebP-afbeelding."));
        if (format == Format.JPEG && jpegScans(original) > MAX_JPEG_SCANS) {
            // Counted before decoding: each scan of a progressive JPEG costs a pass over every pixel.
            throw EvidenceRefusedException.notAnImage("De JPEG-afbeelding bestaat uit meer dan " + MAX_JPEG_SCANS
                    + " scans en wordt niet gelezen.");
        }
        // A WebP's chunks are walked before decoding: its reader cannot be stopped (WebPLayout).
        long scratchBytesPerPixel = format == Format.WEBP ? WebPLayout.read(original).scratchBytesPerPixel() : 0;
        BufferedImage image = decode(original, format, scratchBytesPerPixel, limits, pixels);
        Format stored = format.storedAs();
        try {
            write(image, stored, target);
        } catch (IOException | RuntimeException e) {
            // A pixel layout the writer does not take (rare, e.g. a JPEG decoded to a custom type):
            // draw it as plain RGB once, or refuse it.
            try {
                write(asRgb(image), stored, target);
            } catch (IOException | RuntimeException again) {
                throw damaged();
            }
        }
        return new Result(format, Files.size(original), sha256(original), stored, Files.size(target),
                image.getWidth(), image.getHeight());
    }

    /**
     * Decodes the first image of {@code original}, refusing it when its header claims more than the
     * limits allow: its pixels, or the bytes they take decoded, together with
     * {@code scratchBytesPerPixel}, what the decoder allocates besides the image.
     */
    private static BufferedImage decode(Path original, Format format, long scratchBytesPerPixel, Limits limits,
            PixelBuffer pixels) throws IOException {
        long maxPixels = limits.maxPixels();
        ImageReader reader = readerFor(format);
        Watchdog watchdog = new Watchdog(limits.decodeTime());
        try (ImageInputStream in = input(original, format, watchdog)) {
            // Metadata is never read: only the pixels survive, and a hostile EXIF block is never parsed.
            reader.setInput(in, true, true);
            boolean[] damaged = {false};
            reader.addIIOReadWarningListener((source, warning) -> damaged[0] = true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw damaged();
            }
            if (width * height > maxPixels) {
                throw EvidenceRefusedException.tooLarge("De afbeelding is " + width + " × " + height
                        + " pixels; hoogstens " + maxPixels / 1_000_000 + " megapixel past.");
            }
            ImageTypeSpecifier type = decodedType(reader);
            long bytesPerPixel = bytesPerPixel(type) + scratchBytesPerPixel;
            if (width * height * bytesPerPixel > limits.maxDecodedBytes()) {
                // A 16-bit RGBA PNG takes 8 bytes a pixel: within the pixel limit, but not within the heap.
                throw EvidenceRefusedException.tooLarge("De afbeelding is " + width + " × " + height + " pixels van "
                        + bytesPerPixel + " bytes; uitgepakt past hoogstens " + limits.maxDecodedBytes() / (1024 * 1024)
                        + " MB.");
            }
            watchdog.start();
            reader.addIIOReadUpdateListener(watchdog);
            reader.addIIOReadProgressListener(watchdog);
            // Into the kept pixels, the reader's own type: no new image of ten megabytes per upload.
            ImageReadParam param = reader.getDefaultReadParam();
            if (type != null) {
                pixels.destination(type, (int) width, (int) height).ifPresent(param::setDestination);
            }
            BufferedImage image = reader.read(0, param);
            if (watchdog.aborted) {
                throw tooSlow();
            }
            if (damaged[0] || image == null) {
                // A truncated JPEG decodes to grey with only a warning: refuse it rather than keep half a picture.
                throw damaged();
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof EvidenceRefusedException refused) {
                throw refused;
            }
            if (watchdog.aborted) {
                throw tooSlow(); // a WebP reader stopped by its input
            }
            // Whatever the decoder stumbled on (truncated, corrupt, an unsupported variant such as CMYK).
            throw damaged();
        } finally {
            reader.dispose();
        }
    }

    /**
     * The reader's input: for a WebP one that fails its reads once the decode time is up
     * ({@link DeadlineImageInputStream}), as the WebP reader does not stop when asked.
     */
    private static ImageInputStream input(Path original, Format format, Watchdog watchdog) throws IOException {
        ImageInputStream in = ImageIO.createImageInputStream(original.toFile());
        return format == Format.WEBP ? new DeadlineImageInputStream(in, watchdog) : in;
    }

    /** The type the reader decodes into by default (the one {@code read(0)} uses), if it says. */
    private static ImageTypeSpecifier decodedType(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        return types != null && types.hasNext() ? types.next() : reader.getRawImageType(0);
    }

    /**
     * The bytes one pixel takes once decoded in this type: 3 for a colour JPEG, 4 for an 8-bit RGBA
     * PNG, 8 for a 16-bit one.
     */
    static long bytesPerPixel(ImageTypeSpecifier type) {
        if (type == null) {
            return 8; // unknown: assume the most a Java image takes
        }
        SampleModel model = type.getSampleModel(1, 1);
        long bits = (long) DataBuffer.getDataTypeSize(model.getDataType()) * model.getNumDataElements();
        return Math.max(1, (bits + 7) / 8);
    }

    /**
     * How many scans (SOS markers) the first image of a JPEG has, counting up to one past
     * {@link #MAX_JPEG_SCANS}: a walk over its markers, skipping each segment by its length and the
     * entropy-coded data of a scan up to the next marker. One pass over the file, nothing decoded.
     */
    static int jpegScans(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            if (in.read() != 0xFF || in.read() != 0xD8) {
                return 0;
            }
            int scans = 0;
            for (int marker = nextMarker(in); marker >= 0 && marker != 0xD9; marker = nextMarker(in)) {
                int high = in.read();
                int low = in.read();
                if (low < 0) {
                    break;
                }
                int length = (high << 8) | low;
                if (length < 2) {
                    break;
                }
                in.skipNBytes(length - 2); // EOFException when the segment runs past the end
                if (marker == 0xDA && ++scans > MAX_JPEG_SCANS) {
                    break;
                }
            }
            return scans;
        } catch (java.io.EOFException e) {
            return 0; // truncated: the decoder refuses it
        }
    }

    /**
     * The next marker's code: skips bytes up to an {@code FF} followed by a code, past fill bytes
     * ({@code FF FF}), stuffed zeros ({@code FF 00}) and restart markers in entropy-coded data, and
     * the marker {@code TEM}; -1 at the end of the file.
     */
    private static int nextMarker(InputStream in) throws IOException {
        int b = in.read();
        while (b >= 0) {
            if (b != 0xFF) {
                b = in.read();
                continue;
            }
            int code = in.read();
            while (code == 0xFF) {
                code = in.read();
            }
            if (code < 0) {
                return -1;
            }
            if (code == 0x00 || code == 0x01 || (code >= 0xD0 && code <= 0xD8)) {
                b = in.read();
                continue;
            }
            return code;
        }
        return -1;
    }

    /**
     * Stops a decode that runs past its deadline. It runs on the reading thread, called by the reader
     * for every row (update) and now and then (progress); {@link ImageReader#abort()} is honoured
     * between rows by the JDK's JPEG and PNG readers, which then return what they have read. The WebP
     * reader does not stop, and its lossless decoder never calls: {@link WebPLayout} bounds its work,
     * and its input fails every read past the deadline ({@link #beforeRead()}).
     */
    private static final class Watchdog implements IIOReadUpdateListener, IIOReadProgressListener,
            DeadlineImageInputStream.Deadline {

        private final Duration decodeTime;
        private long deadline;
        private boolean started;
        boolean aborted;

        Watchdog(Duration decodeTime) {
            this.decodeTime = decodeTime;
        }

        /** The decode starts: the time runs from now. Reading the header before is not counted. */
        void start() {
            deadline = System.nanoTime() + decodeTime.toNanos();
            started = true;
        }

        private boolean pastDeadline() {
            return started && System.nanoTime() - deadline > 0;
        }

        private void check(ImageReader reader) {
            if (pastDeadline()) {
                reader.abort();
            }
        }

        @Override
        public void beforeRead() throws IIOException {
            if (pastDeadline()) {
                aborted = true;
                throw new IIOException("the decode time is up");
            }
        }

        @Override
        public void passStarted(ImageReader source, BufferedImage image, int pass, int minPass, int maxPass,
                int minX, int minY, int periodX, int periodY, int[] bands) {
            check(source);
        }

        @Override
        public void imageUpdate(ImageReader source, BufferedImage image, int minX, int minY, int width, int height,
                int periodX, int periodY, int[] bands) {
            check(source);
        }

        @Override
        public void passComplete(ImageReader source, BufferedImage image) {
            check(source);
        }

        @Override
        public void thumbnailPassStarted(ImageReader source, BufferedImage thumbnail, int pass, int minPass,
                int maxPass, int minX, int minY, int periodX, int periodY, int[] bands) {
        }

        @Override
        public void thumbnailUpdate(ImageReader source, BufferedImage thumbnail, int minX, int minY, int width,
                int height, int periodX, int periodY, int[] bands) {
        }

        @Override
        public void thumbnailPassComplete(ImageReader source, BufferedImage thumbnail) {
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {
        }

        @Override
        public void sequenceComplete(ImageReader source) {
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
        }

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            check(source);
        }

        @Override
        public void imageComplete(ImageReader source) {
        }

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
        }

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {
        }

        @Override
        public void thumbnailComplete(ImageReader source) {
        }

        @Override
        public void readAborted(ImageReader source) {
            aborted = true;
        }
    }

    private static EvidenceRefusedException tooSlow() {
        return EvidenceRefusedException.notAnImage("De afbeelding kost te veel tijd om te lezen en wordt niet opgeslagen.");
    }

    /** The refusal of an image that cannot be read (to its end). */
    static EvidenceRefusedException damaged() {
        return EvidenceRefusedException.notAnImage("De afbeelding is beschadigd of onvolledig en kan niet worden gelezen.");
    }

    private static ImageReader readerFor(Format format) throws IOException {
        if (format == Format.WEBP) {
            // Straight from the plug-in, not through the global ImageIO registry and its class loader.
            return new WebPImageReaderSpi().createReaderInstance();
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format == Format.JPEG ? "jpeg" : "png");
        if (!readers.hasNext()) {
            throw new IllegalStateException("the Java runtime has no " + format + " reader");
        }
        return readers.next();
    }

    private static void write(BufferedImage image, Format format, Path target) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format == Format.JPEG ? "jpeg" : "png").next();
        // Straight into the file: ImageIO.createImageOutputStream(OutputStream) would write every chunk
        // to a cache file of its own first (or, without ImageIO's cache, to the heap) and copy it over.
        RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw");
        try (ImageOutputStream out = new FileImageOutputStream(file)) {
            file.setLength(0); // a second attempt (asRgb) starts from an empty file
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == Format.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            // No metadata passed in: the writer adds only what the format needs (JFIF, IHDR).
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage asRgb(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** The SHA-256 of a file, as lower-case hex. */
    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
