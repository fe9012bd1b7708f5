import Foundation
import Testing
@testable import Vehicular

/// The C.3 candidate tables against the Appendix C-A per-layer tables they were derived from.
///
/// Tolerances come from the printed rounding, not from the outcome: cumulative MACs are printed
/// to 0.01 M (±0.005 M MACs = ±1e-5 GFLOPs per value), the C.3 GFLOPs to 4 decimals (±5e-5), the
/// megabits to 3 decimals (±5e-4; output element counts are exact). 1e-12 absorbs binary
/// floating point: ResNet18's total (2·1814.07/1000 = 3.62814 against 3.6282) sits exactly on the
/// 6e-5 bound.
@Suite struct PartitionTableTests {
    static let localTolerance = 5e-5 + 1e-5 + 1e-12
    static let edgeTolerance = 5e-5 + 2e-5 + 1e-12

    @Test(arguments: DNNModel.allCases)
    func candidatesFollowFromTheLayerTables(model: DNNModel) {
        let layers = model.layers
        let total = layers.last!.cumulativeMMACs
        #expect(model.candidateLayers.count == model.candidates.count)
        for (c, row) in zip(model.candidates, model.candidateLayers) {
            let layer = layers[row]
            #expect(abs(2 * layer.cumulativeMMACs / 1000 - c.localGFLOPs) <= Self.localTolerance, "\(model) \(c.after) local")
            #expect(abs(2 * (total - layer.cumulativeMMACs) / 1000 - c.edgeGFLOPs) <= Self.edgeTolerance, "\(model) \(c.after) edge")
            let bits = c.isAllLocal ? 0 : Double(layer.outputElements) * (row == 0 ? 8 : 32)
            #expect(abs(bits / 1e6 - c.megabits) <= 5e-4 + 1e-12, "\(model) \(c.after) data")
            if row > 0 && !c.isAllLocal { #expect(layer.name.hasPrefix(c.after), "\(layer.name) vs \(c.after)") }
        }
    }

    @Test(arguments: DNNModel.allCases)
    func layerMACsAddUpToTheCumulativeColumn(model: DNNModel) {
        var sum = 0.0
        for (k, layer) in model.layers.enumerated() {
            sum += layer.mmacs
            // Each printed value is within ±0.005 M of the truth: k summands plus the cumulative one.
            #expect(abs(sum - layer.cumulativeMMACs) <= 0.005 * Double(k + 1) + 1e-9, "\(model) row \(k)")
        }
    }

    @Test func totalsAndColumnsAsPrinted() {
        #expect(DNNModel.alexnet.totalGFLOPs == 1.4284)
        #expect(DNNModel.resnet18.totalGFLOPs == 3.6282)
        #expect(DNNModel.vgg16.totalGFLOPs == 30.9405)
        #expect(DNNModel.allCases.map(\.candidates.count) == [6, 7, 8])
        // The printed edge column is kept even where Φ_tot − Φ differs in the fourth decimal.
        #expect(PartitionCandidate.resnet18[1].edgeGFLOPs == 3.3921)
        #expect(PartitionCandidate.vgg16[1].edgeGFLOPs == 27.0678)
        for model in DNNModel.allCases {
            for c in model.candidates {
                // Two printed values each within ±5e-5 of the truth, against a third.
                #expect(abs(c.localGFLOPs + c.edgeGFLOPs - model.totalGFLOPs) <= 1.5e-4 + 1e-12)
            }
            #expect(model.candidates.last!.isAllLocal)
            #expect(model.candidates.dropLast().allSatisfy { !$0.isAllLocal })
        }
    }

    @Test func rateModelMatchesTheBriefsQuotedRates() {
        let p = VehicularParameters.default
        // docs/vehicular.md §1: "about 11.5 Mbit/s at the segment ends and about 36 Mbit/s at 50 m".
        #expect(abs(p.rsuRate(x: 0) / 1e6 - 11.5) < 0.05)
        #expect(abs(p.rsuRate(x: 1000) / 1e6 - 11.5) < 0.05)
        #expect(abs(p.rate(distance: 50) / 1e6 - 36) < 0.5)
        // Written out: d = √(490² + 10²) m, PL = 128.1 + 37.6·log10(d/1000) dB.
        let d = (490.0 * 490 + 100).squareRoot()
        let gain = pow(10, -(128.1 + 37.6 * log10(d / 1000)) / 10)
        let noise = pow(10, (-174.0 - 30) / 10) * 2e6
        #expect(abs(p.rsuRate(x: 10) - 2e6 * log2(1 + 0.2 * gain / noise)) <= 1e-9 * p.rsuRate(x: 10))
        #expect(p.advance(x: 990, speed: 20) == 10)
        #expect(p.advance(x: 980, speed: 20) == 0)
    }
}
