import Foundation
import LabCore

/// Canonical JSON for the store's text columns (sorted keys, so equal values give equal text).
enum StoreJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw LabError(.corrupt, "A record in \(path) holds unreadable JSON (\(error.localizedDescription)). Run `lab cache verify --store \(path)`.")
        }
    }
}
