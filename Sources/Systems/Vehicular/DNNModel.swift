/// One of the three pre-trained DNNs whose inference tasks the vehicles run (docs/vehicular.md §1).
public enum DNNModel: String, Sendable, Hashable, CaseIterable, Codable {
    /// AlexNet: 1.4284 GFLOPs, 6 partition candidates.
    case alexnet
    /// ResNet18: 3.6282 GFLOPs, 7 partition candidates.
    case resnet18
    /// VGG16: 30.9405 GFLOPs, 8 partition candidates.
    case vgg16

    /// The model of vehicle `i` in the default mix: `[AlexNet, ResNet18, VGG16][i mod 3]` (C.2).
    public static func defaultModel(forVehicle i: Int) -> DNNModel { allCases[((i % 3) + 3) % 3] }

    /// The partition candidates, index 0 = send the raw image, last = all local (C.3 tables).
    public var candidates: [PartitionCandidate] {
        switch self {
        case .alexnet: PartitionCandidate.alexnet
        case .resnet18: PartitionCandidate.resnet18
        case .vgg16: PartitionCandidate.vgg16
        }
    }

    /// Index of the all-local candidate (the last one).
    public var allLocalIndex: Int { candidates.count - 1 }

    /// `Φ_tot`: GFLOPs of one whole inference (the all-local candidate's local GFLOPs).
    public var totalGFLOPs: Double { candidates[allLocalIndex].localGFLOPs }
}

/// One place to cut a DNN: the layers up to the cut run on the vehicle, the rest at the edge.
///
/// The three numbers are the partition tables of docs/vehicular.md §1 to the digits printed, all three columns as
/// printed: the edge column is *not* recomputed as `Φ_tot − Φ` (it differs in the fourth decimal,
/// because the printed values were rounded from unrounded differences).
public struct PartitionCandidate: Sendable, Hashable {
    /// Name of the last local layer ("none" for the raw image).
    public var after: String
    /// `Φ_m(p)`: cumulative GFLOPs computed on the vehicle.
    public var localGFLOPs: Double
    /// `R_m(p)`: GFLOPs left for the edge.
    public var edgeGFLOPs: Double
    /// `O_m(p)`: megabits sent to the edge (the raw image as uint8, activations as float32).
    public var megabits: Double

    /// Creates a candidate.
    public init(after: String, localGFLOPs: Double, edgeGFLOPs: Double, megabits: Double) {
        self.after = after
        self.localGFLOPs = localGFLOPs
        self.edgeGFLOPs = edgeGFLOPs
        self.megabits = megabits
    }

    /// `O_m(p)` in bits.
    public var bits: Double { megabits * 1e6 }

    /// Whether nothing is offloaded (no edge work and nothing to send).
    public var isAllLocal: Bool { edgeGFLOPs == 0 && megabits == 0 }

    /// AlexNet, docs/vehicular.md §1.
    public static let alexnet: [PartitionCandidate] = [
        .init(after: "none", localGFLOPs: 0.0000, edgeGFLOPs: 1.4284, megabits: 1.204),
        .init(after: "pool1", localGFLOPs: 0.1406, edgeGFLOPs: 1.2878, megabits: 1.493),
        .init(after: "pool2", localGFLOPs: 0.5885, edgeGFLOPs: 0.8399, megabits: 1.038),
        .init(after: "pool5", localGFLOPs: 1.3111, edgeGFLOPs: 0.1172, megabits: 0.295),
        .init(after: "fc7", localGFLOPs: 1.4202, edgeGFLOPs: 0.0082, megabits: 0.131),
        .init(after: "fc8", localGFLOPs: 1.4284, edgeGFLOPs: 0, megabits: 0),
    ]

    /// ResNet18, docs/vehicular.md §1.
    public static let resnet18: [PartitionCandidate] = [
        .init(after: "none", localGFLOPs: 0.0000, edgeGFLOPs: 3.6282, megabits: 1.204),
        .init(after: "maxpool", localGFLOPs: 0.2360, edgeGFLOPs: 3.3921, megabits: 6.423),
        .init(after: "layer1", localGFLOPs: 1.1609, edgeGFLOPs: 2.4673, megabits: 6.423),
        .init(after: "layer2", localGFLOPs: 1.9830, edgeGFLOPs: 1.6452, megabits: 3.211),
        .init(after: "layer3", localGFLOPs: 2.8050, edgeGFLOPs: 0.8231, megabits: 1.606),
        .init(after: "avgpool", localGFLOPs: 3.6271, edgeGFLOPs: 0.0010, megabits: 0.016),
        .init(after: "fc", localGFLOPs: 3.6282, edgeGFLOPs: 0, megabits: 0),
    ]

    /// VGG16, docs/vehicular.md §1.
    public static let vgg16: [PartitionCandidate] = [
        .init(after: "none", localGFLOPs: 0.0000, edgeGFLOPs: 30.9405, megabits: 1.204),
        .init(after: "pool1", localGFLOPs: 3.8728, edgeGFLOPs: 27.0678, megabits: 25.690),
        .init(after: "pool2", localGFLOPs: 9.4218, edgeGFLOPs: 21.5187, megabits: 12.845),
        .init(after: "pool3", localGFLOPs: 18.6703, edgeGFLOPs: 12.2703, megabits: 6.423),
        .init(after: "pool4", localGFLOPs: 27.9187, edgeGFLOPs: 3.0218, megabits: 3.211),
        .init(after: "pool5", localGFLOPs: 30.6933, edgeGFLOPs: 0.2473, megabits: 0.803),
        .init(after: "fc7", localGFLOPs: 30.9323, edgeGFLOPs: 0.0082, megabits: 0.131),
        .init(after: "fc8", localGFLOPs: 30.9405, edgeGFLOPs: 0, megabits: 0),
    ]
}
