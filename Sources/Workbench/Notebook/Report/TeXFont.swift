/// A TeX math font (`\mathbf`, `\mathbb`, …), applied by mapping letters and digits to Unicode's
/// Mathematical Alphanumeric Symbols, since MathML Core has no `mathvariant` besides `normal`.
enum TeXFont: Sendable, Equatable {
    case normal, roman, italic, bold, boldItalic, doubleStruck, calligraphic, sansSerif, monospace

    /// The font commands.
    static let commands: [String: TeXFont] = [
        "mathbf": .bold, "mathrm": .roman, "mathit": .italic, "boldsymbol": .boldItalic, "bm": .boldItalic,
        "mathbb": .doubleStruck, "mathcal": .calligraphic, "mathscr": .calligraphic, "mathsf": .sansSerif, "mathtt": .monospace,
    ]

    /// First code points of capital A, small a and digit 0 in this font (nil: unchanged).
    private var starts: (upper: UInt32, lower: UInt32, digit: UInt32?)? {
        switch self {
        case .normal, .roman, .italic: nil
        case .bold: (0x1D400, 0x1D41A, 0x1D7CE)
        case .boldItalic: (0x1D468, 0x1D482, 0x1D7CE)
        case .doubleStruck: (0x1D538, 0x1D552, 0x1D7D8)
        case .calligraphic: (0x1D49C, 0x1D4B6, nil)
        case .sansSerif: (0x1D5A0, 0x1D5BA, 0x1D7E2)
        case .monospace: (0x1D670, 0x1D68A, 0x1D7F6)
        }
    }

    /// Letters that Unicode encodes in the Letterlike Symbols block instead.
    private static let holes: [TeXFont: [Character: String]] = [
        .doubleStruck: ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"],
        .calligraphic: ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ"],
    ]

    /// The character in this font.
    func map(_ c: Character) -> String {
        if let hole = TeXFont.holes[self]?[c] { return hole }
        guard let starts, let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return String(c) }
        let v = scalar.value
        let mapped: UInt32?
        switch v {
        case 0x41...0x5A: mapped = starts.upper + v - 0x41
        case 0x61...0x7A: mapped = starts.lower + v - 0x61
        case 0x30...0x39: mapped = starts.digit.map { $0 + v - 0x30 }
        case 0x391...0x3A9 where self == .bold: mapped = 0x1D6A8 + v - 0x391
        case 0x3B1...0x3C9 where self == .bold: mapped = 0x1D6C2 + v - 0x3B1
        case 0x391...0x3A9 where self == .boldItalic: mapped = 0x1D71C + v - 0x391
        case 0x3B1...0x3C9 where self == .boldItalic: mapped = 0x1D736 + v - 0x3B1
        default: mapped = nil
        }
        return mapped.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? String(c)
    }
}
