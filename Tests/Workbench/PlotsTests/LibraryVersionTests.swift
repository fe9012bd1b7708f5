import Testing
import Plots

@Suite struct LibraryVersionTests {
    /// `lab doctor` prints this instead of calling Cairo itself: it must be a dotted version.
    @Test func cairoVersionIsTheLinkedLibrarysDottedVersion() {
        let parts = FigureRenderer.cairoVersion.split(separator: ".")
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
        #expect(Int(parts[0]) == 1)
    }
}
