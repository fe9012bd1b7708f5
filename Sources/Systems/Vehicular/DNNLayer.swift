/// One row of the per-layer tables of docs/vehicular.md §1: torchvision architectures at a
/// 224×224×3 input, multiply-accumulates in millions, outputs in elements.
///
/// These tables are where the C.3 candidate numbers come from: cumulative local GFLOPs are
/// `2·cumulativeMMACs/1000`, data sent is `outputElements·32` bits (float32 activations) or
/// `·8` bits for the raw uint8 input. The model itself uses the printed C.3 numbers
/// (``PartitionCandidate``); these rows exist so that the derivation can be checked and shown.
public struct DNNLayer: Sendable, Hashable {
    /// Layer name as printed ("input 3x224x224", "conv1+relu", …).
    public var name: String
    /// Multiply-accumulates of this layer, in millions.
    public var mmacs: Double
    /// Cumulative multiply-accumulates up to and including this layer, in millions (as printed).
    public var cumulativeMMACs: Double
    /// Number of output elements.
    public var outputElements: Int

    /// Creates a row.
    public init(_ name: String, _ mmacs: Double, _ cumulativeMMACs: Double, _ outputElements: Int) {
        self.name = name
        self.mmacs = mmacs
        self.cumulativeMMACs = cumulativeMMACs
        self.outputElements = outputElements
    }
}

extension DNNModel {
    /// The per-layer table of Appendix C-A (row 0 is the input image).
    public var layers: [DNNLayer] {
        switch self {
        case .alexnet: DNNLayer.alexnet
        case .resnet18: DNNLayer.resnet18
        case .vgg16: DNNLayer.vgg16
        }
    }

    /// For each partition candidate, the row of ``layers`` after which the network is cut.
    public var candidateLayers: [Int] {
        switch self {
        case .alexnet: [0, 2, 4, 8, 10, 11]
        case .resnet18: [0, 2, 4, 6, 8, 11, 12]
        case .vgg16: [0, 3, 6, 10, 14, 18, 20, 21]
        }
    }
}

extension DNNLayer {
    /// AlexNet, total 714.2 M MACs.
    public static let alexnet: [DNNLayer] = [
        .init("input 3x224x224", 0, 0, 150528),
        .init("conv1+relu", 70.28, 70.28, 193600),
        .init("pool1", 0.00, 70.28, 46656),
        .init("conv2+relu", 223.95, 294.23, 139968),
        .init("pool2", 0.00, 294.23, 32448),
        .init("conv3+relu", 112.14, 406.37, 64896),
        .init("conv4+relu", 149.52, 555.89, 43264),
        .init("conv5+relu", 99.68, 655.57, 43264),
        .init("pool5", 0.00, 655.57, 9216),
        .init("fc6+relu", 37.75, 693.32, 4096),
        .init("fc7+relu", 16.78, 710.09, 4096),
        .init("fc8", 4.10, 714.19, 1000),
    ]

    /// ResNet18, total 1814.1 M MACs.
    public static let resnet18: [DNNLayer] = [
        .init("input 3x224x224", 0, 0, 150528),
        .init("conv1+bn+relu", 118.01, 118.01, 802816),
        .init("maxpool", 0.00, 118.01, 200704),
        .init("layer1.0", 231.21, 349.22, 200704),
        .init("layer1.1", 231.21, 580.44, 200704),
        .init("layer2.0", 179.83, 760.27, 100352),
        .init("layer2.1", 231.21, 991.48, 100352),
        .init("layer3.0", 179.83, 1171.31, 50176),
        .init("layer3.1", 231.21, 1402.52, 50176),
        .init("layer4.0", 179.83, 1582.35, 25088),
        .init("layer4.1", 231.21, 1813.56, 25088),
        .init("avgpool", 0.00, 1813.56, 512),
        .init("fc", 0.51, 1814.07, 1000),
    ]

    /// VGG16, total 15470.3 M MACs.
    public static let vgg16: [DNNLayer] = [
        .init("input 3x224x224", 0, 0, 150528),
        .init("conv1_1+relu", 86.70, 86.70, 3211264),
        .init("conv1_2+relu", 1849.69, 1936.39, 3211264),
        .init("pool1", 0.00, 1936.39, 802816),
        .init("conv2_1+relu", 924.84, 2861.24, 1605632),
        .init("conv2_2+relu", 1849.69, 4710.92, 1605632),
        .init("pool2", 0.00, 4710.92, 401408),
        .init("conv3_1+relu", 924.84, 5635.77, 802816),
        .init("conv3_2+relu", 1849.69, 7485.46, 802816),
        .init("conv3_3+relu", 1849.69, 9335.14, 802816),
        .init("pool3", 0.00, 9335.14, 200704),
        .init("conv4_1+relu", 924.84, 10259.99, 401408),
        .init("conv4_2+relu", 1849.69, 12109.68, 401408),
        .init("conv4_3+relu", 1849.69, 13959.36, 401408),
        .init("pool4", 0.00, 13959.36, 100352),
        .init("conv5_1+relu", 462.42, 14421.79, 100352),
        .init("conv5_2+relu", 462.42, 14884.21, 100352),
        .init("conv5_3+relu", 462.42, 15346.63, 100352),
        .init("pool5", 0.00, 15346.63, 25088),
        .init("fc6+relu", 102.76, 15449.39, 4096),
        .init("fc7+relu", 16.78, 15466.17, 4096),
        .init("fc8", 4.10, 15470.26, 1000),
    ]
}
