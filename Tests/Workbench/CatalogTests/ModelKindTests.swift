import GraphDiffusion
import LabCore
import Learning
import Notebook
import Testing
@testable import Catalog

/// Model kinds are an enum: a stored header's kind round-trips as its name, and an unknown kind
/// is a decoding error, never silently another model.
@Suite struct ModelKindTests {
    func header(_ kind: String) -> [UInt8] {
        Array("{\"curveSteps\":{},\"curves\":{},\"heads\":2,\"hidden\":8,\"kind\":\"\(kind)\",\"layers\":1}".utf8) + [10] + ParameterSet([:]).encoded()
    }

    @Test func storedKindsRoundTripAndUnknownKindsAreCorrupt() throws {
        let record = try TrainedModelRecord.decode(header("grlo"), typeName: "baseline.model")
        #expect(record.header.kind == .grlo)
        #expect(record.encoded() == header("grlo"))
        #expect(throws: LabError.self) { try TrainedModelRecord.decode(header("gnn"), typeName: "baseline.model") }
    }

    @Test func aDiffusionValueHoldingABaselineKindIsRefused() throws {
        let value = DiffusionModelValue(record: try TrainedModelRecord.decode(header("dignn"), typeName: "diffusion.model"))
        #expect(throws: LabError.self) { try value.denoiser() }
    }
}
