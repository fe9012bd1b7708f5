import CCairo
import LabCore

/// The decoded pixels of a PNG (premultiplied ARGB, one `UInt32` per pixel, row by row).
///
/// Used to compare renders pixel by pixel, since PNG bytes may differ when pixels do not.
public struct PNGPixels: Sendable, Hashable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// `width × height` pixels, row-major.
    public var pixels: [UInt32]

    /// Decodes PNG bytes with Cairo.
    ///
    /// - Throws: ``LabError`` `.corrupt` if the bytes are not a PNG Cairo can read.
    public init(png: [UInt8]) throws {
        let source = ByteSource(png)
        let context = Unmanaged.passUnretained(source).toOpaque()
        let surface = cairo_image_surface_create_from_png_stream(ByteSource.read, context)
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw LabError(.corrupt, "the bytes are not a readable PNG image.")
        }
        cairo_surface_flush(surface)
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels = [UInt32](repeating: 0, count: width * height)
        if let data = cairo_image_surface_get_data(surface) {
            for row in 0..<height {
                let rowStart = UnsafeRawPointer(data + row * stride)
                for column in 0..<width {
                    pixels[row * width + column] = rowStart.loadUnaligned(fromByteOffset: column * 4, as: UInt32.self)
                }
            }
        }
        self.pixels = pixels
    }

    /// How two images differ: pixels with a channel off by more than `threshold`, and the
    /// mean absolute channel difference (0…255). Images of different sizes differ everywhere.
    public func difference(from other: PNGPixels, threshold: Int = 16) -> (changedPixels: Int, meanChannelError: Double) {
        guard width == other.width, height == other.height else { return (Swift.max(pixels.count, other.pixels.count), 255) }
        var changed = 0, total = 0
        for (a, b) in zip(pixels, other.pixels) where a != b {
            var worst = 0
            for shift in stride(from: 0, to: 32, by: 8) {
                let d = abs(Int((a >> UInt32(shift)) & 0xFF) - Int((b >> UInt32(shift)) & 0xFF))
                worst = Swift.max(worst, d)
                total += d
            }
            if worst > threshold { changed += 1 }
        }
        return (changed, Double(total) / Double(Swift.max(pixels.count * 4, 1)))
    }
}

/// Feeds bytes to Cairo's PNG reader.
final class ByteSource {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A `cairo_read_func_t` reading from the source passed as the closure pointer.
    static let read: cairo_read_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
        let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
        let n = Int(length)
        guard source.offset + n <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
        source.bytes.withUnsafeBufferPointer { buffer in
            data.update(from: buffer.baseAddress! + source.offset, count: n)
        }
        source.offset += n
        return CAIRO_STATUS_SUCCESS
    }
}
