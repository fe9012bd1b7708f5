import LabCore

/// Codec names the store accepts: `name/version`, such as `tensor/1` or `json/1`.
///
/// The store keeps bytes opaque; the codec string tells a reader which decoder (and which
/// version of it) to use, so a format change never makes old bytes misread silently.
public enum StoreCodec {
    /// Tensors and parameter sets, written by the Tensors target (`Tensor.encoded()`).
    public static let tensor = "tensor/1"
    /// UTF-8 JSON: numbers, strings, lists, records, tables.
    public static let json = "json/1"
    /// UTF-8 text, such as a cell's log.
    public static let text = "text/1"

    /// Throws unless `codec` has the `name/version` form with a positive integer version.
    public static func validate(_ codec: String) throws {
        let parts = codec.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let version = Int(parts[1]), version > 0,
              parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" })
        else {
            throw LabError(.invalidInput, "'\(codec)' is not a codec name: use name/version, such as tensor/1 or json/1, so readers can tell formats apart.")
        }
    }
}
