// swift-tools-version:6.0
// OffloadLab: a notebook workbench for diffusion-based edge-computing offloading papers.
// Layers (arrows point down only), see ../shared/DESIGN.md §2:
//   lab → Catalog → Notebook → {Store, Plots} ; Systems (LAENet, …) → Learning → Tensors → LabCore → C shims
import PackageDescription

/// The numeric core is always optimised: its SIMD kernels are 100× slower unoptimised, which
/// would make debug-built tests crawl. Release drops bounds checks in the kernels too.
let fastMath: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

let package = Package(
    name: "OffloadLab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lab", targets: ["lab"]),
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "Learning", targets: ["Learning"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Plots", targets: ["Plots"]),
        .library(name: "LAENet", targets: ["LAENet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev, libsqlite3-dev, libcairo2-dev).
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),

        // Foundation: errors, digests, seeded randomness shared by every layer.
        // SHA-256 with the x86 SHA extensions, chosen at run time (portable Swift otherwise).
        .target(name: "CSHA"),
        .target(name: "LabCore", dependencies: ["CSHA"], swiftSettings: fastMath),
        .target(name: "Tensors", dependencies: ["LabCore", "CBLAS"], swiftSettings: fastMath),
        .target(name: "Learning", dependencies: ["Tensors"], swiftSettings: fastMath),

        // Infrastructure.
        .target(name: "Store", dependencies: ["LabCore", "CSQLite"]),
        .target(name: "Plots", dependencies: ["LabCore", "CCairo"]),

        // Notebooks: format, cell language, dependency analysis.
        .target(name: "Notebook", dependencies: ["LabCore", "Tensors", "Plots", "Store"]),

        // Binds library functions into the notebook language.
        .target(name: "Catalog", dependencies: ["Notebook", "Plots", "LAENet", "AIGC", "GraphDiffusion", "Learning", "Tensors", "LabCore"]),

        // Systems.
        .target(name: "LAENet", dependencies: ["LabCore", "Tensors"]),
        .target(name: "AIGC", dependencies: ["LabCore"]),
        // GDSG / GADSG learned solvers on LAENet: encoders from Learning, hybrid diffusion, repair.
        .target(name: "GraphDiffusion", dependencies: ["LAENet", "Learning", "Tensors", "LabCore"], swiftSettings: fastMath),

        // Command line.
        .executableTarget(
            name: "lab",
            dependencies: [
                "LabCore", "Tensors", "Learning", "Store", "Plots", "LAENet", "AIGC", "Notebook", "Catalog", "CBLAS", "CSQLite", "CCairo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "OffloadBench",
            dependencies: ["Tensors", "Learning", "LabCore"],
            path: "Benchmarks/Sources/OffloadBench",
            swiftSettings: fastMath
        ),
        // Benchmarks: run by hand in release builds, never in CI (see Benchmarks/README.md).
        .executableTarget(name: "StoreBench", dependencies: ["Store", "LabCore"], path: "Benchmarks/Sources/StoreBench"),
        .executableTarget(name: "PlotsBench", dependencies: ["Plots", "LabCore"], path: "Benchmarks/Sources/PlotsBench"),
        .executableTarget(name: "DiffusionBench", dependencies: ["GraphDiffusion", "LAENet", "Learning", "Tensors", "LabCore"],
                          path: "Benchmarks/Sources/DiffusionBench", swiftSettings: fastMath),
        .executableTarget(name: "AIGCBench", dependencies: ["AIGC", "LabCore"], path: "Benchmarks/Sources/AIGCBench"),
        .executableTarget(name: "LAENetBench", dependencies: ["LAENet", "LabCore"], path: "Benchmarks/Sources/LAENetBench"),

        .testTarget(name: "LabCoreTests", dependencies: ["LabCore"]),
        // Shared by test targets: finite-difference gradient checks.
        .target(name: "TestSupport", dependencies: ["Tensors", "LabCore"], path: "Sources/TestSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "TestSupport"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "Tensors", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "LabCore", "TestSupport"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots", "LabCore"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "Notebook", "Plots", "Store", "LabCore", "TestSupport"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "LabCore", "Tensors", "Plots", "Store"]),
        .testTarget(name: "GraphDiffusionTests", dependencies: ["GraphDiffusion", "LAENet", "Learning", "Tensors", "LabCore", "TestSupport"]),
        .testTarget(name: "AIGCTests", dependencies: ["AIGC", "LabCore"]),
        .testTarget(name: "LAENetTests", dependencies: ["LAENet", "LabCore", "TestSupport"]),
    ]
)
