// swift-tools-version:6.0
// OffloadLab: a notebook workbench for diffusion-based edge-computing offloading papers.
// Layers, one folder each under Sources/ (arrows point down only; see docs/architecture.md):
//   lab                                   the command line
//    └─ Workbench/Catalog                 binds each system's library into the notebook language
//        ├─ Workbench/{Notebook,Store,Plots}   notebooks, the SQLite store, Cairo figures
//        └─ Systems/{LAENet,GraphDiffusion,AIGC,…}   one folder per paper's system
//            └─ Engine/{Learning,Tensors,LabCore}   training, autodiff, errors, digests, JSON
//                └─ Shims/{CBLAS,CSQLite,CCairo,CCmarkGFM,CSHA}   C libraries
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
        // System libraries (Debian: libopenblas-dev, libsqlite3-dev, libcairo2-dev, libcmark-gfm(-extensions)-dev).
        .systemLibrary(name: "CBLAS", path: "Sources/Shims/CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/Shims/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCairo", path: "Sources/Shims/CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        // CommonMark with GitHub's extensions, for notebook prose in reports.
        .systemLibrary(name: "CCmarkGFM", path: "Sources/Shims/CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // Foundation: errors, digests, seeded randomness shared by every layer.
        // SHA-256 with the x86 SHA extensions, chosen at run time (portable Swift otherwise).
        .target(name: "CSHA", path: "Sources/Shims/CSHA"),
        .target(name: "LabCore", dependencies: ["CSHA"], path: "Sources/Engine/LabCore", swiftSettings: fastMath),
        .target(name: "Tensors", dependencies: ["LabCore", "CBLAS"], path: "Sources/Engine/Tensors", swiftSettings: fastMath),
        .target(name: "Learning", dependencies: ["Tensors"], path: "Sources/Engine/Learning", swiftSettings: fastMath),

        // Infrastructure.
        .target(name: "Store", dependencies: ["LabCore", "CSQLite"], path: "Sources/Workbench/Store"),
        .target(name: "Plots", dependencies: ["LabCore", "CCairo"], path: "Sources/Workbench/Plots"),

        // Notebooks: format, cell language, dependency analysis.
        .target(name: "Notebook", dependencies: ["LabCore", "Tensors", "Plots", "Store", "CCmarkGFM"], path: "Sources/Workbench/Notebook"),

        // Binds library functions into the notebook language.
        .target(name: "Catalog", dependencies: ["Notebook", "Plots", "LAENet", "AIGC", "Vehicular", "GraphDiffusion", "MultiMEC", "Learning", "Tensors", "LabCore"], path: "Sources/Workbench/Catalog"),

        // Systems.
        .target(name: "LAENet", dependencies: ["LabCore", "Tensors"], path: "Sources/Systems/LAENet"),
        .target(name: "AIGC", dependencies: ["LabCore"], path: "Sources/Systems/AIGC"),
        // DiffLoader's multi-user MEC offloading environment (issue 16).
        .target(name: "MultiMEC", dependencies: ["LabCore", "Learning", "Tensors"], path: "Sources/Systems/MultiMEC", swiftSettings: fastMath),
        // MAD2RL's vehicular edge network: DNN partitioning, Lyapunov per-slot problems, baselines.
        // Its Learners/ (MAD2RL, P-QMIX) train on Learning's loop, diffusion actor and QMIX mixer.
        .target(name: "Vehicular", dependencies: ["LabCore", "Learning", "Tensors"], path: "Sources/Systems/Vehicular", swiftSettings: fastMath),
        // GDSG / GADSG learned solvers on LAENet: encoders from Learning, hybrid diffusion, repair.
        .target(name: "GraphDiffusion", dependencies: ["LAENet", "Learning", "Tensors", "LabCore"], path: "Sources/Systems/GraphDiffusion", swiftSettings: fastMath),

        // Command line.
        .executableTarget(
            name: "lab",
            dependencies: [
                "LabCore", "Tensors", "Learning", "Store", "Plots", "LAENet", "AIGC", "MultiMEC", "Vehicular", "Notebook", "Catalog",
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
        .executableTarget(name: "MultiMECBench", dependencies: ["MultiMEC", "LabCore"], path: "Benchmarks/Sources/MultiMECBench", swiftSettings: fastMath),
        // One SAC update against PyTorch (Benchmarks/compare_sac.sh).
        .executableTarget(name: "BaselinesBench", dependencies: ["MultiMEC", "Learning", "LabCore"], path: "Benchmarks/Sources/BaselinesBench", swiftSettings: fastMath),
        .executableTarget(name: "SACBench", dependencies: ["MultiMEC", "Learning", "Tensors", "LabCore"], path: "Benchmarks/Sources/SACBench", swiftSettings: fastMath),
        .executableTarget(name: "PlannerBench", dependencies: ["MultiMEC", "Learning", "Tensors", "LabCore"],
                          path: "Benchmarks/Sources/PlannerBench", swiftSettings: fastMath),
        .executableTarget(name: "VehicularBench", dependencies: ["Vehicular", "LabCore"], path: "Benchmarks/Sources/VehicularBench"),
        .executableTarget(name: "MARLBench", dependencies: ["Vehicular", "Learning", "Tensors", "LabCore"],
                          path: "Benchmarks/Sources/MARLBench", swiftSettings: fastMath),

        .testTarget(name: "LabCoreTests", dependencies: ["LabCore"], path: "Tests/Engine/LabCoreTests"),
        // Shared by test targets: finite-difference gradient checks.
        .target(name: "TestSupport", dependencies: ["Tensors", "LabCore"], path: "Sources/TestSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "TestSupport"], path: "Tests/Engine/TensorsTests"),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "Tensors", "TestSupport"], path: "Tests/Engine/LearningTests"),
        .testTarget(name: "StoreTests", dependencies: ["Store", "LabCore", "TestSupport"], path: "Tests/Workbench/StoreTests"),
        .testTarget(name: "PlotsTests", dependencies: ["Plots", "LabCore"], path: "Tests/Workbench/PlotsTests", exclude: ["Golden"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "Notebook", "Plots", "Store", "LabCore", "Vehicular", "MultiMEC", "TestSupport"], path: "Tests/Workbench/CatalogTests"),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "LabCore", "Tensors", "Plots", "Store"], path: "Tests/Workbench/NotebookTests", exclude: ["Malformed", "Fixtures"]),
        .testTarget(name: "GraphDiffusionTests", dependencies: ["GraphDiffusion", "LAENet", "Learning", "Tensors", "LabCore", "TestSupport"], path: "Tests/Systems/GraphDiffusionTests"),
        .testTarget(name: "AIGCTests", dependencies: ["AIGC", "LabCore"], path: "Tests/Systems/AIGCTests"),
        .testTarget(name: "VehicularTests", dependencies: ["Vehicular", "Learning", "Tensors", "LabCore", "TestSupport"], path: "Tests/Systems/VehicularTests"),
        .testTarget(name: "LAENetTests", dependencies: ["LAENet", "LabCore", "TestSupport"], path: "Tests/Systems/LAENetTests"),
        .testTarget(name: "MultiMECTests", dependencies: ["MultiMEC", "Learning", "Tensors", "LabCore", "TestSupport"], path: "Tests/Systems/MultiMECTests"),
    ]
)

// Coverage-guided fuzz targets (libFuzzer), only when building with OFFLOADLAB_FUZZ=1: see
// Fuzz/README.md and Scripts/fuzz.sh (`-sanitize=fuzzer,address`); ordinary builds never see them.
if Context.environment["OFFLOADLAB_FUZZ"] != nil {
    let fuzzers: [(String, [Target.Dependency])] = [
        ("FuzzNotebook", ["Notebook", "LabCore"]),
        ("FuzzLAENetInstance", ["LAENet", "LabCore"]),
        ("FuzzLAENetSolution", ["LAENet", "LabCore"]),
        ("FuzzAIGCDrop", ["AIGC", "LabCore"]),
        ("FuzzMSCOLine", ["LAENet", "LabCore"]),
    ]
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/Sources/FuzzSupport"))
    for (name, dependencies) in fuzzers {
        package.targets.append(.executableTarget(name: name, dependencies: dependencies + ["FuzzSupport"], path: "Fuzz/Sources/\(name)"))
    }
}
