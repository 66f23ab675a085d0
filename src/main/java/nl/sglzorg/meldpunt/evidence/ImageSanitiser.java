package nl.sglzorg.meldpunt.evidence;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns an uploaded file into a clean image, or refuses it. The type is read from the file's first
 * bytes, never from its name or a header the client sent. The image is decoded and encoded anew,
 * which leaves behind everything but the pixels: EXIF, GPS positions, comments, trailing data. A
 * JPEG stays a JPEG, a PNG a PNG; a WebP becomes a PNG (Java cannot write WebP). Plain Java.
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
     * Reads {@code original}, checks it, and writes the clean image to {@code target}.
     *
     * @throws EvidenceRefusedException not a JPEG, PNG or WebP that reads to its end ({@code 415}),
     *         or more than {@code maxPixels} pixels ({@code 413}); {@code target} is then incomplete
     */
    public static Result sanitise(Path original, Path target, long maxPixels) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(original)) {
            head = in.readNBytes(12);
        }
        Format format = sniff(head).orElseThrow(() -> EvidenceRefusedException.notAnImage(
                "Het bestand is geen JPEG-, PNG- of WebP-afbeelding."));
        BufferedImage image = decode(original, format, maxPixels);
        Format stored = format.storedAs();
        write(image, stored, target);
        return new Result(format, Files.size(original), sha256(original), stored, Files.size(target),
                image.getWidth(), image.getHeight());
    }

    private static BufferedImage decode(Path original, Format format, long maxPixels) throws IOException {
        ImageReader reader = readerFor(format);
        try (ImageInputStream in = ImageIO.createImageInputStream(original.toFile())) {
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
            BufferedImage image = reader.read(0);
            if (damaged[0] || image == null) {
                // A truncated JPEG decodes to grey with only a warning: refuse it rather than keep half a picture.
                throw damaged();
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof EvidenceRefusedException refused) {
                throw refused;
            }
            // Whatever the decoder stumbled on (truncated, corrupt, an unsupported variant such as CMYK).
            throw damaged();
        } finally {
            reader.dispose();
        }
    }

    private static EvidenceRefusedException damaged() {
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
        try (OutputStream file = Files.newOutputStream(target);
                ImageOutputStream out = ImageIO.createImageOutputStream(file)) {
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
