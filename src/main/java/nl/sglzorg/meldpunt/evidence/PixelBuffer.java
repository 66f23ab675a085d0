package nl.sglzorg.meldpunt.evidence;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageTypeSpecifier;

/**
 * One array of pixels that every decode writes into, kept from one upload to the next. A decoded
 * screenshot takes about 10 MB, which outlives the young generation while it is re-encoded: a new
 * image per upload was promoted and piled up in the old generation until a full collection, and the
 * resident memory followed (docs/benchmarks.md, "The reporter's form and the uploads"). With this
 * array an upload leaves no image-sized garbage; what is kept is the largest image decoded so far,
 * up to {@link #MAX_KEPT_BYTES}.
 *
 * <p>Not thread-safe, and it need not be: an image decoded into it is overwritten by the next decode,
 * so it is used only by the one decode that holds the turn ({@code EvidenceService.decoding}) and
 * only until that decode's image is written out.
 */
public final class PixelBuffer {

    /**
     * The most bytes kept between decodes: a 2000 × 2000 RGBA screenshot, a phone's full-height one
     * with alpha. A larger image (within {@code meldpunt.evidence.max-decoded-bytes}) is decoded into
     * an image of its own, as before, and leaves it as garbage.
     */
    static final int MAX_KEPT_BYTES = 16 * 1024 * 1024;

    private final int maxKeptBytes;
    private byte[] pixels = new byte[0];

    public PixelBuffer() {
        this(MAX_KEPT_BYTES);
    }

    PixelBuffer(int maxKeptBytes) {
        this.maxKeptBytes = maxKeptBytes;
    }

    /**
     * An image of this type and size, cleared, whose pixels are this buffer's array; empty when the
     * type does not keep its pixels in one array of bytes (16-bit samples, packed ints) or the image
     * would take more than the buffer may keep: the reader then makes its own.
     */
    Optional<BufferedImage> destination(ImageTypeSpecifier type, int width, int height) {
        SampleModel model = type.getSampleModel(width, height);
        if (model.getDataType() != DataBuffer.TYPE_BYTE) {
            return Optional.empty();
        }
        long size;
        if (model instanceof PixelInterleavedSampleModel interleaved) {
            size = (long) interleaved.getScanlineStride() * height;
        } else if (model instanceof MultiPixelPackedSampleModel packed) {
            size = (long) packed.getScanlineStride() * height; // palettes of 1, 2 or 4 bits a pixel
        } else {
            return Optional.empty();
        }
        if (size > maxKeptBytes) {
            return Optional.empty();
        }
        int bytes = (int) size;
        if (pixels.length < bytes) {
            pixels = new byte[bytes];
        } else {
            // Never a row of the previous reporter's image in this one, whatever the decoder leaves unwritten.
            Arrays.fill(pixels, 0, bytes, (byte) 0);
        }
        WritableRaster raster = Raster.createWritableRaster(model, new DataBufferByte(pixels, bytes), null);
        ColorModel colours = type.getColorModel();
        return Optional.of(new BufferedImage(colours, raster, colours.isAlphaPremultiplied(), null));
    }

    /** The bytes kept now, for tests. */
    int keptBytes() {
        return pixels.length;
    }
}
