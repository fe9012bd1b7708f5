import Foundation

/// Reads the CSV tables a notebook run exports to `Results/<notebook>/`, for tests that check
/// the claims written about those results (no hard-coded numbers: every value comes from the file).
public struct ResultsCSV: Sendable {
    /// The directory `Results/<notebook>` of this checkout.
    public let directory: URL

    /// The results of notebook `name` (file stem) in the checkout that holds `filePath` (a test's
    /// `#filePath`): its front-matter defaults, or with `paramsDigest` the run with other
    /// parameters, exported to `Results/<name>/<paramsDigest>/` beside its `params.json`.
    public init(notebook name: String, paramsDigest: String? = nil, testFile filePath: String) {
        directory = repositoryRoot(containing: filePath).appendingPathComponent("Results/\(name)" + (paramsDigest.map { "/\($0)" } ?? ""))
    }

    /// Rows of `file` as dictionaries from column name to cell text (quoted fields with commas,
    /// newlines and doubled quotes handled).
    public func rows(_ file: String) throws -> [[String: String]] {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false, afterQuote = false
        for c in text {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.append(c) }
                continue
            }
            switch c {
            case "\"":
                if afterQuote { field.append("\"") }  // a doubled quote inside a quoted field
                quoted = true
            case ",": record.append(field); field = ""
            case "\n": record.append(field); records.append(record); field = ""; record = []
            default: field.append(c)
            }
            afterQuote = false
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard !records.isEmpty else { return [] }
        let header = records.removeFirst()
        return records.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// A cell as a number (NaN when it is missing or not a number).
    public static func number(_ row: [String: String], _ key: String) -> Double { Double(row[key] ?? "") ?? .nan }
}

/// The checkout that holds `filePath`: the nearest enclosing folder with a `Package.swift`.
///
/// Tests find committed files (results, the README) from their own `#filePath`, whatever the depth
/// of their folder.
public func repositoryRoot(containing filePath: String) -> URL {
    var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while directory.path != "/" {
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) { return directory }
        directory = directory.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: filePath).deletingLastPathComponent()
}
