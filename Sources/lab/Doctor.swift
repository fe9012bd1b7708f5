import ArgumentParser
import Foundation
import LabCore
import Plots
import Store
import Tensors

/// `lab doctor`: checks that this machine can run OffloadLab at full speed.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the toolchain, OpenBLAS kernels, Cairo, SQLite, fonts and the store location.",
        discussion: "Exits with code 3 and a fix-it message when something is missing or slow."
    )

    @OptionGroup var blas: BLASOptions

    @Option(help: "Store file to report (default: $LAB_STORE or .lab/store.sqlite in the project root).")
    var store: String?

    func run() throws {
        try reportingErrors {
            blas.apply()
            var problems: [String] = []
            func row(_ name: String, _ value: String) { print(name.padding(toLength: 18, withPad: " ", startingAt: 0) + value) }

            row("OffloadLab", LabCore.version)
            row("Swift", Doctor.swiftVersion)
            row("CPU", "\(BLAS.cpuModel) (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
            let wanted = BLAS.recommendedCoreType
            row("OpenBLAS kernels", "\(BLAS.coreName) (recommended: \(wanted ?? "OpenBLAS's choice"), OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "unset"))")
            row("OpenBLAS threads", "\(BLAS.threads)")
            row("OpenBLAS build", BLAS.configuration)
            if let wanted, BLAS.coreName.lowercased() != wanted.lowercased() {
                problems.append("OpenBLAS runs \(BLAS.coreName) kernels, 4-5× slower than \(wanted) on this CPU: start the process with OPENBLAS_CORETYPE=\(wanted) (the README's commands and `lab` itself do this).")
            }
            row("Cairo", FigureRenderer.cairoVersion)
            row("SQLite", StoreDatabase.sqliteVersion)
            let fonts = Doctor.dejaVuPath
            row("DejaVu Sans", fonts ?? "not found")
            if fonts == nil {
                problems.append("The DejaVu Sans font is missing, so figures would fall back to another font: apt-get install fonts-dejavu-core.")
            }
            let storePath = store ?? StoreOptions.defaultPath(root: ProjectRoot.current())
            let absolute = URL(fileURLWithPath: storePath).standardizedFileURL.path
            let exists = FileManager.default.fileExists(atPath: absolute)
            row("Store", "\(absolute) (\(exists ? "exists" : "not created yet"))")

            if !problems.isEmpty {
                print("")
                for p in problems { printError("problem: \(p)") }
                throw LabError(.environment, "\(problems.count) problem(s) found; fix them as described above.")
            }
            print("\nAll checks passed.")
        }
    }

    /// Where DejaVu Sans lives on Debian and a few other distributions.
    static var dejaVuPath: String? {
        ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
         "/usr/share/fonts/dejavu/DejaVuSans.ttf"].first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The compiler version this binary was built with.
    static var swiftVersion: String {
        #if swift(>=6.4)
        return "6.4 or later"
        #elseif swift(>=6.3)
        return "6.3"
        #elseif swift(>=6.2)
        return "6.2"
        #elseif swift(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }
}

/// Options shared by every command that computes: the OpenBLAS thread count.
struct BLASOptions: ParsableArguments {
    @Option(help: "OpenBLAS threads per call (1 is fastest for the small GEMMs of GNN training on a shared 2-core box).")
    var threads: Int = 1

    func apply() { BLAS.threads = threads }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
